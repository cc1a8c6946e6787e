// The queue's scriptable subcommands of `commune-kiosk`, a contract for checks outside the
// project (DESIGN.md), working on the local SQLite queue or, with [centre] database in the
// config, on the centre's PostgreSQL queue:
//   queue issue --service X [--priority [--reason R]]   one JSON line: the new ticket
//   queue call-next --desk N [--services AC]            one JSON line: the called ticket, or
//                                                       {"empty":true} when nobody waits
//   queue done --ticket ID                              one JSON line: the served ticket
//   queue recall --ticket ID [--desk N]                 one JSON line: the ticket called again
//                                                       (boards repeat the spoken call); default
//                                                       desk: the one that called it
//   queue no-show --ticket ID                           one JSON line: called, nobody came
//   centre init                  create or upgrade the centre's schema (idempotent)
//   centre status [--json]       schema version, today's queue per service and status, terminals
//   centre new-pepper FILE       a new household pepper for the centre's kiosks to share
// Ticket lines hold "id", "number" ("A012"), "service", "priority" (true/false),
// "priority_reason", "desk" (a number, or null before the first call), "status", "day".
// Exit status: 0 done (an empty queue too), 2 bad arguments, config or ticket, 1 anything else
// (the database unreachable or failing).
//
// Usage (ui/commands/KioskCommands.cpp):
//   centre_ = addCentreCommands(app);
//   ... app.parse(argc, argv) ...
//   if (auto status = runCentreCommand(centre_, paths, assetsDir)) return *status;
#pragma once

#include <filesystem>
#include <optional>

#include "ui/commands/TechnicianCommands.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ui {

// The registered subcommands and options, all owned by the CLI::App (a plain value).
struct CentreCommands {
    CLI::App* issue = nullptr;
    CLI::App* callNext = nullptr;
    CLI::App* done = nullptr;
    CLI::App* init = nullptr;
    CLI::App* status = nullptr;
    CLI::Option* service = nullptr;   // issue --service
    CLI::Option* priority = nullptr;  // issue --priority
    CLI::Option* reason = nullptr;    // issue --reason
    CLI::Option* desk = nullptr;      // call-next --desk
    CLI::Option* lines = nullptr;     // call-next --services
    CLI::Option* ticket = nullptr;    // done --ticket
    CLI::Option* json = nullptr;      // centre status --json
    CLI::App* recall = nullptr;
    CLI::App* noShow = nullptr;
    CLI::Option* recallTicket = nullptr;  // recall --ticket
    CLI::Option* recallDesk = nullptr;    // recall --desk
    CLI::Option* noShowTicket = nullptr;  // no-show --ticket
    CLI::App* newPepper = nullptr;
    CLI::Option* pepperFile = nullptr;  // new-pepper FILE
};

CentreCommands addCentreCommands(CLI::App& app);

// Runs the subcommand the command line chose; nullopt when none of these was chosen.
std::optional<int> runCentreCommand(const CentreCommands& commands, const CommonPaths& paths,
                                    const std::optional<std::filesystem::path>& assetsDir);

}  // namespace ui
