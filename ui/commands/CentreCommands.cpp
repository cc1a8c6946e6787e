#include "ui/commands/CentreCommands.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "kiosk/Clock.h"
#include "kiosk/centre/CentreIssuer.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/CentreSchema.h"
#include "kiosk/centre/TerminalHealth.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/Paths.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"
#include "ui/commands/KioskCommands.h"

namespace ui {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What the person typed or configured is wrong (exit 2), as opposed to a database or disk that
// failed (exit 1).
bool isBadInput(const kiosk::Error& error) {
    static const std::set<std::string, std::less<>> kBadInput = {"queue.unknown_service", "queue.bad_desk",
                                                                 "queue.no_such_ticket", "queue.wrong_state",
                                                                 "queue.recall_window_passed"};
    return kBadInput.contains(error.code) || error.code.starts_with("config.") ||
           error.code.starts_with("services.");
}

int fail(const std::string& command, const kiosk::Error& error) {
    return failWithStatus(isBadInput(error) ? 2 : 1, command + ": " + error.message);
}

void printLine(const json& line) {
    std::printf("%s\n", line.dump().c_str());
    std::fflush(stdout);
}

json ticketLine(const std::string& id, const std::string& label, char service,
                kiosk::queue::Priority priority, json desk, kiosk::queue::TicketState status,
                const std::string& day) {
    return {{"id", id},
            {"number", label},
            {"service", std::string(1, service)},
            {"priority", priority != kiosk::queue::Priority::None},
            {"priority_reason", kiosk::queue::priorityName(priority)},
            {"desk", std::move(desk)},
            {"status", kiosk::queue::stateName(status)},
            {"day", day}};
}

json ticketLine(const kiosk::queue::Ticket& ticket) {
    // A desk of the lone kiosk is the number `call-next --desk` gave, or a volunteer's desk name.
    json desk = nullptr;
    if (!ticket.desk.empty()) {
        const bool number = std::ranges::all_of(ticket.desk, [](char c) { return c >= '0' && c <= '9'; });
        desk = number && ticket.desk.size() < 4 ? json(std::stoi(ticket.desk)) : json(ticket.desk);
    }
    return ticketLine(std::to_string(ticket.id), ticket.label(), ticket.service, ticket.priority, desk,
                      ticket.state, ticket.day);
}

json ticketLine(const kiosk::centre::CentreTicket& ticket) {
    return ticketLine(ticket.id, ticket.label(), ticket.service, ticket.priority,
                      ticket.desk ? json(*ticket.desk) : json(nullptr), ticket.status, ticket.day);
}

// The config and the services tickets can be for: the same files the kiosk itself reads.
struct QueueSetup {
    kiosk::config::KioskConfig config;
    std::vector<kiosk::queue::Service> services;
};

kiosk::Result<QueueSetup> loadSetup(const CommonPaths& paths, const std::optional<fs::path>& assetsDir) {
    auto config = kiosk::config::loadConfig(paths.configFile, paths.installedConfig);
    if (!config) return config.error();
    auto assets = kiosk::config::findAssetsDir(assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return kiosk::Error{"services.unreadable", assets.error().message};
    auto services = kiosk::queue::loadServicesFile(*assets / "services.toml");
    if (!services) return services.error();
    return QueueSetup{std::move(config).value(), std::move(services).value()};
}

std::string serviceLetters(const std::vector<kiosk::queue::Service>& services,
                           std::string_view separator = ", ") {
    std::string letters;
    for (const auto& service : services)
        letters += (letters.empty() ? "" : std::string(separator)) + std::string(1, service.letter);
    return letters;
}

// `text` must be letters of services the kiosk offers; `single`: exactly one.
std::optional<kiosk::Error> checkServices(const std::string& text, bool single,
                                          const std::vector<kiosk::queue::Service>& services) {
    const bool known = std::ranges::all_of(
        text, [&](char letter) { return kiosk::queue::findService(services, letter) != nullptr; });
    if ((single && text.size() != 1) || !known) {
        return kiosk::Error{"queue.unknown_service", "there is no service '" + text + "'; choose " +
                                                         (single ? "one of " : "letters of ") +
                                                         serviceLetters(services) +
                                                         " (assets/services.toml)"};
    }
    return std::nullopt;
}

// The centre's database, checked to be at this build's schema.
kiosk::Result<kiosk::centre::PgConnection> openCentre(const kiosk::config::KioskConfig& config) {
    auto connection = kiosk::centre::PgConnection::open(config.centre.database);
    if (!connection) return connection.error();
    auto version = kiosk::centre::centreSchemaVersion(*connection);
    if (!version) return version.error();
    if (*version != kiosk::centre::latestSchemaVersion()) {
        return kiosk::Error{"centre.schema_version",
                            "the centre database is at schema version " + std::to_string(*version) +
                                ", this terminal needs " +
                                std::to_string(kiosk::centre::latestSchemaVersion()) +
                                (*version < kiosk::centre::latestSchemaVersion()
                                     ? "; run `commune-kiosk centre init` once"
                                     : "; update commune-kiosk on this terminal")};
    }
    return connection;
}

kiosk::Result<kiosk::store::Database> openLocal(const CommonPaths& paths,
                                                const kiosk::config::KioskConfig& config) {
    return kiosk::store::Database::openInDirectory(
        paths.dataDir.value_or(config.dataDir.value_or(kiosk::config::defaultDataDir())));
}

kiosk::queue::Priority chosenPriority(const CentreCommands& commands) {
    if (commands.reason->count() > 0)
        return kiosk::queue::priorityFromName(commands.reason->as<std::string>())
            .value_or(kiosk::queue::Priority::None);
    // A bare --priority: the most common reason at a commune centre, an elderly citizen.
    return commands.priority->count() > 0 ? kiosk::queue::Priority::Aged75Plus : kiosk::queue::Priority::None;
}

// Centre mode: from the centre, or from this kiosk's leased numbers when the centre's server
// does not answer within 2 s ("offline": true; the ticket is pushed when the server is back).
// The kiosk's own database keeps the leases and the journal.
int issueAtCentre(const CommonPaths& paths, const QueueSetup& setup, char service,
                  kiosk::queue::Priority priority) {
    const std::string command = "queue issue";
    auto journal = openLocal(paths, setup.config);
    if (!journal) return fail(command, journal.error());
    kiosk::SystemWallClock clock;
    kiosk::centre::IssuerSettings settings;
    settings.connectionString = setup.config.centre.database;
    settings.kioskId = setup.config.kioskId;
    settings.policy = kiosk::queue::queuePolicyFor(setup.config.desk);
    kiosk::centre::CentreIssuer issuer(std::move(settings), *journal, clock);
    auto issued = issuer.issue(service, priority);
    if (!issued) return fail(command, issued.error());
    json line = ticketLine(issued->ticket);
    if (issued->offline) line["offline"] = true;
    printLine(line);
    // Every service keeps a lease for today and tomorrow while the server answers, so the next
    // outage finds numbers for all of them. The ticket is already printed: a failure here only
    // waits for the next ticket.
    if (!issued->offline) (void)issuer.keepInTouch(serviceLetters(setup.services, ""));
    return 0;
}

int issue(const CentreCommands& commands, const CommonPaths& paths, const QueueSetup& setup) {
    const std::string command = "queue issue";
    const std::string service = commands.service->as<std::string>();
    if (auto bad = checkServices(service, true, setup.services)) return fail(command, *bad);
    const auto priority = chosenPriority(commands);
    kiosk::SystemWallClock clock;
    if (!setup.config.centre.database.empty()) return issueAtCentre(paths, setup, service.front(), priority);
    auto database = openLocal(paths, setup.config);
    if (!database) return fail(command, database.error());
    kiosk::queue::TicketBook book(*database, setup.services, clock,
                                  kiosk::queue::queuePolicyFor(setup.config.desk));
    auto ticket = book.issue(service.front(), priority);
    if (!ticket) return fail(command, ticket.error());
    printLine(ticketLine(*ticket));
    return 0;
}

int callNext(const CentreCommands& commands, const CommonPaths& paths, const QueueSetup& setup) {
    const std::string command = "queue call-next";
    const int desk = commands.desk->as<int>();
    const std::string lines = commands.lines->count() > 0 ? commands.lines->as<std::string>() : "";
    if (auto bad = checkServices(lines, false, setup.services)) return fail(command, *bad);
    kiosk::SystemWallClock clock;
    if (!setup.config.centre.database.empty()) {
        auto connection = openCentre(setup.config);
        if (!connection) return fail(command, connection.error());
        kiosk::centre::CentreQueue line(*connection, clock, kiosk::queue::queuePolicyFor(setup.config.desk));
        auto called = line.callNext(desk, lines);
        if (!called) return fail(command, called.error());
        printLine(*called ? ticketLine(**called) : json{{"empty", true}});
        return 0;
    }
    auto database = openLocal(paths, setup.config);
    if (!database) return fail(command, database.error());
    kiosk::queue::TicketBook book(*database, setup.services, clock,
                                  kiosk::queue::queuePolicyFor(setup.config.desk));
    auto called = book.callNext(std::to_string(desk), lines);
    if (!called) return fail(command, called.error());
    printLine(*called ? ticketLine(**called) : json{{"empty", true}});
    return 0;
}

int done(const CentreCommands& commands, const CommonPaths& paths, const QueueSetup& setup) {
    const std::string command = "queue done";
    const std::string id = commands.ticket->as<std::string>();
    kiosk::SystemWallClock clock;
    if (!setup.config.centre.database.empty()) {
        auto connection = openCentre(setup.config);
        if (!connection) return fail(command, connection.error());
        kiosk::centre::CentreQueue line(*connection, clock);
        auto finished = line.done(id);
        if (!finished) return fail(command, finished.error());
        printLine(ticketLine(*finished));
        return 0;
    }
    kiosk::queue::TicketId number = 0;
    const auto parsed = std::from_chars(id.data(), id.data() + id.size(), number);
    if (parsed.ec != std::errc() || parsed.ptr != id.data() + id.size() || number < 1) {
        return failWithStatus(
            2, command + ": '" + id +
                   "' is not a ticket id of this kiosk; use the \"id\" that queue issue printed");
    }
    auto database = openLocal(paths, setup.config);
    if (!database) return fail(command, database.error());
    kiosk::queue::TicketBook book(*database, setup.services, clock);
    auto finished = book.done(number);
    if (!finished) return fail(command, finished.error());
    printLine(ticketLine(*finished));
    return 0;
}

// The local kiosk's ticket id, or exit 2 with the line that says what to pass.
std::optional<kiosk::queue::TicketId> localTicketId(const std::string& id) {
    kiosk::queue::TicketId number = 0;
    const auto parsed = std::from_chars(id.data(), id.data() + id.size(), number);
    if (parsed.ec != std::errc() || parsed.ptr != id.data() + id.size() || number < 1) return std::nullopt;
    return number;
}

int notALocalTicket(const std::string& command, const std::string& id) {
    return failWithStatus(
        2,
        command + ": '" + id + "' is not a ticket id of this kiosk; use the \"id\" that queue issue printed");
}

// `queue recall --ticket ID [--desk N]`: without --desk, the desk that called it last.
int recall(const CentreCommands& commands, const CommonPaths& paths, const QueueSetup& setup) {
    const std::string command = "queue recall";
    const std::string id = commands.recallTicket->as<std::string>();
    const std::optional<int> chosenDesk =
        commands.recallDesk->count() > 0 ? std::optional<int>(commands.recallDesk->as<int>()) : std::nullopt;
    kiosk::SystemWallClock clock;
    if (!setup.config.centre.database.empty()) {
        auto connection = openCentre(setup.config);
        if (!connection) return fail(command, connection.error());
        kiosk::centre::CentreQueue line(*connection, clock, kiosk::queue::queuePolicyFor(setup.config.desk));
        std::optional<int> desk = chosenDesk;
        if (!desk) {
            auto ticket = line.find(id);
            if (!ticket) return fail(command, ticket.error());
            desk = ticket->desk;
        }
        if (!desk) {
            return fail(command, kiosk::Error{"queue.wrong_state",
                                              "ticket " + id + " was never called; call it with call-next"});
        }
        auto recalled = line.recall(id, *desk);
        if (!recalled) return fail(command, recalled.error());
        printLine(ticketLine(*recalled));
        return 0;
    }
    const auto number = localTicketId(id);
    if (!number) return notALocalTicket(command, id);
    auto database = openLocal(paths, setup.config);
    if (!database) return fail(command, database.error());
    kiosk::queue::TicketBook book(*database, setup.services, clock,
                                  kiosk::queue::queuePolicyFor(setup.config.desk));
    std::string desk = chosenDesk ? std::to_string(*chosenDesk) : std::string();
    if (desk.empty()) {
        auto ticket = book.find(*number);
        if (!ticket) return fail(command, ticket.error());
        desk = ticket->desk;
    }
    auto recalled = book.recall(*number, desk);
    if (!recalled) return fail(command, recalled.error());
    printLine(ticketLine(*recalled));
    return 0;
}

int noShow(const CentreCommands& commands, const CommonPaths& paths, const QueueSetup& setup) {
    const std::string command = "queue no-show";
    const std::string id = commands.noShowTicket->as<std::string>();
    kiosk::SystemWallClock clock;
    if (!setup.config.centre.database.empty()) {
        auto connection = openCentre(setup.config);
        if (!connection) return fail(command, connection.error());
        kiosk::centre::CentreQueue line(*connection, clock);
        auto missed = line.noShow(id);
        if (!missed) return fail(command, missed.error());
        printLine(ticketLine(*missed));
        return 0;
    }
    const auto number = localTicketId(id);
    if (!number) return notALocalTicket(command, id);
    auto database = openLocal(paths, setup.config);
    if (!database) return fail(command, database.error());
    kiosk::queue::TicketBook book(*database, setup.services, clock);
    auto missed = book.noShow(*number);
    if (!missed) return fail(command, missed.error());
    printLine(ticketLine(*missed));
    return 0;
}

std::optional<kiosk::Error> needCentre(const QueueSetup& setup) {
    if (!setup.config.centre.database.empty()) return std::nullopt;
    return kiosk::Error{"config.no_centre",
                        "no centre database in " + setup.config.source +
                            "; add [centre] database = \"postgresql://...\" (see README, centre mode)"};
}

int initCentre(const QueueSetup& setup) {
    const std::string command = "centre init";
    if (auto missing = needCentre(setup)) return fail(command, *missing);
    auto connection = kiosk::centre::PgConnection::open(setup.config.centre.database);
    if (!connection) return fail(command, connection.error());
    auto migrated = kiosk::centre::migrateCentre(*connection);
    if (!migrated) return fail(command, migrated.error());
    if (migrated->versionBefore == migrated->versionAfter) {
        std::printf("centre init: the schema is already at version %d; nothing to do\n",
                    migrated->versionAfter);
    } else {
        std::printf("centre init: the schema is now at version %d (was %d)\n", migrated->versionAfter,
                    migrated->versionBefore);
    }
    return 0;
}

// "terminal kiosk-2 (kiosk): OFFLINE, last contact ... (300 s ago); 4 tickets issued offline
// today, pushed late": what a volunteer needs to know why a kiosk's tickets arrive late.
void printTerminalLine(const kiosk::centre::TerminalHealth& terminal) {
    std::printf("terminal %s (%s): %slast contact %s", terminal.id.c_str(), terminal.role.c_str(),
                terminal.offline ? "OFFLINE, " : "", terminal.lastContact.c_str());
    if (terminal.offline) std::printf(" (%lld s ago)", static_cast<long long>(terminal.secondsSilent));
    if (terminal.offlineTicketsToday > 0)
        std::printf("; %lld tickets issued offline today, pushed late",
                    static_cast<long long>(terminal.offlineTicketsToday));
    std::printf("\n");
}

int printCentreStatus(const CentreCommands& commands, const QueueSetup& setup) {
    const std::string command = "centre status";
    if (auto missing = needCentre(setup)) return fail(command, *missing);
    auto connection = openCentre(setup.config);
    if (!connection) return fail(command, connection.error());
    kiosk::SystemWallClock clock;
    kiosk::centre::CentreQueue line(*connection, clock);
    auto counts = line.countsToday();
    if (!counts) return fail(command, counts.error());
    auto terminals = kiosk::centre::terminalHealth(*connection, clock.localDay(clock.now()));
    if (!terminals) return fail(command, terminals.error());

    // Every offered service appears, with every status, even at zero: a script reads fixed keys.
    std::map<std::string, std::map<std::string, int>> queue;
    for (const auto& service : setup.services)
        for (const char* status : {"waiting", "called", "no_show", "done"})
            queue[std::string(1, service.letter)][status] = 0;
    for (const auto& count : *counts)
        queue[std::string(1, count.service)][std::string(kiosk::queue::stateName(count.status))] =
            count.count;
    const std::string day = clock.localDay(clock.now());

    if (commands.json->count() > 0) {
        json terminalList = json::array();
        for (const auto& terminal : *terminals)
            terminalList.push_back({{"id", terminal.id},
                                    {"role", terminal.role},
                                    {"last_contact", terminal.lastContact},
                                    {"seconds_silent", terminal.secondsSilent},
                                    {"offline", terminal.offline},
                                    {"offline_tickets_today", terminal.offlineTicketsToday}});
        printLine({{"schema_version", kiosk::centre::latestSchemaVersion()},
                   {"day", day},
                   {"queue", queue},
                   {"terminals", terminalList}});
        return 0;
    }
    std::printf("centre: schema version %d; queue of %s\n", kiosk::centre::latestSchemaVersion(),
                day.c_str());
    for (const auto& [service, statuses] : queue) {
        std::printf("  %s: %d waiting, %d called, %d no-show, %d done\n", service.c_str(),
                    statuses.at("waiting"), statuses.at("called"), statuses.at("no_show"),
                    statuses.at("done"));
    }
    if (terminals->empty()) std::printf("terminals: none has been in contact yet\n");
    for (const auto& terminal : *terminals)
        printTerminalLine(terminal);
    return 0;
}

// Made once by the technician and copied to every citizen kiosk of the centre: a household key
// is the same at each of them only if they share the pepper.
int makeCentrePepper(const fs::path& file) {
    if (auto made = kiosk::helplog::createNewPepper(file); !made) {
        return failWithStatus(made.error().code == "helplog.pepper_exists" ? 2 : 1, made.error().message);
    }
    std::printf(
        "centre: a new household pepper is in %s (mode 0600).\n"
        "Copy it to every citizen kiosk of the centre (same path on each, owned by the kiosk "
        "user, mode 0600)\nand add to each kiosk's config:\n  [centre]\n  household_pepper = "
        "\"%s\"\nKeep a copy with the centre's backups: a kiosk without it counts no "
        "households.\n",
        file.c_str(), file.c_str());
    return 0;
}

}  // namespace

CentreCommands addCentreCommands(CLI::App& app) {
    CentreCommands commands;
    CLI::App* queue = app.add_subcommand(
        "queue", "the queue from a script: on this kiosk's database, or the centre's with [centre] database");
    queue->require_subcommand(1);
    commands.issue = queue->add_subcommand("issue", "take a ticket; prints it as one JSON line");
    commands.service = commands.issue->add_option("--service", "the service letter, e.g. A")->required();
    commands.priority = commands.issue->add_flag("--priority")
                            ->description("a priority ticket (default reason: aged_75_plus)");
    commands.reason = commands.issue->add_option("--reason", "why it has priority (implies --priority)")
                          ->check(CLI::IsMember({"aged_75_plus", "disability", "pregnant", "small_child"}));
    commands.callNext = queue->add_subcommand(
        "call-next", "call the next ticket to a desk; {\"empty\":true} when nobody waits");
    commands.desk = commands.callNext->add_option("--desk", "the desk number, 1-999")
                        ->required()
                        ->check(CLI::Range(1, 999));
    commands.lines =
        commands.callNext->add_option("--services", "the lines this desk serves, e.g. AC (default: all)");
    commands.done = queue->add_subcommand("done", "the ticket was served");
    commands.ticket =
        commands.done->add_option("--ticket", "the ticket's \"id\" as issue printed it")->required();

    commands.recall = queue->add_subcommand(
        "recall", "call a called (or no-show) ticket again; boards repeat the spoken call");
    commands.recallTicket =
        commands.recall->add_option("--ticket", "the ticket's \"id\" as issue printed it")->required();
    commands.recallDesk =
        commands.recall->add_option("--desk", "the desk number (default: the one that called it)")
            ->check(CLI::Range(1, 999));
    commands.noShow = queue->add_subcommand("no-show", "the called citizen did not come");
    commands.noShowTicket =
        commands.noShow->add_option("--ticket", "the ticket's \"id\" as issue printed it")->required();

    CLI::App* centre =
        app.add_subcommand("centre", "centre mode: the PostgreSQL database shared by the centre");
    centre->require_subcommand(1);
    commands.init =
        centre->add_subcommand("init", "create or upgrade the centre's schema (safe to run again)");
    commands.status =
        centre->add_subcommand("status", "today's queue per service and status, and the terminals");
    commands.json = commands.status->add_flag("--json")->description("one JSON object instead of lines");
    commands.newPepper = centre->add_subcommand(
        "new-pepper", "make the household pepper the centre's kiosks share ([centre] household_pepper)");
    commands.pepperFile =
        commands.newPepper->add_option("file", "where to write it (never replaces a file)")->required();
    return commands;
}

std::optional<int> runCentreCommand(const CentreCommands& commands, const CommonPaths& paths,
                                    const std::optional<fs::path>& assetsDir) {
    if (commands.newPepper->parsed()) return makeCentrePepper(commands.pepperFile->as<std::string>());
    const bool chosen = commands.issue->parsed() || commands.callNext->parsed() || commands.done->parsed() ||
                        commands.init->parsed() || commands.status->parsed() || commands.recall->parsed() ||
                        commands.noShow->parsed();
    if (!chosen) return std::nullopt;
    auto setup = loadSetup(paths, assetsDir);
    if (!setup) return failWithStatus(2, setup.error().message);
    if (commands.issue->parsed()) return issue(commands, paths, *setup);
    if (commands.callNext->parsed()) return callNext(commands, paths, *setup);
    if (commands.done->parsed()) return done(commands, paths, *setup);
    if (commands.recall->parsed()) return recall(commands, paths, *setup);
    if (commands.noShow->parsed()) return noShow(commands, paths, *setup);
    if (commands.init->parsed()) return initCentre(*setup);
    return printCentreStatus(commands, *setup);
}

}  // namespace ui
