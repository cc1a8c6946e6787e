#include "kiosk/config/CentreAddress.h"

#include <libpq-fe.h>

#include <map>
#include <memory>

namespace kiosk::config {
namespace {

bool isLocalHost(std::string_view host) {
    return host.empty() || host.front() == '/' || host.front() == '@' || host == "localhost" ||
           host.starts_with("127.") || host == "::1";
}

// libpq lists several hosts separated by commas (tried in turn): each must be local.
bool allLocal(std::string_view hosts) {
    size_t start = 0;
    for (;;) {
        const size_t comma = hosts.find(',', start);
        if (!isLocalHost(hosts.substr(start, comma - start))) return false;
        if (comma == std::string_view::npos) return true;
        start = comma + 1;
    }
}

}  // namespace

std::optional<std::string> centreDatabaseProblem(std::string_view connectionString) {
    if (connectionString.empty())
        return "centre.database is empty; remove the line or set a connection string";
    char* parseError = nullptr;
    const std::string text(connectionString);
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(text.c_str(), &parseError), &PQconninfoFree);
    if (!options) {
        std::string reason = parseError ? parseError : "out of memory";
        PQfreemem(parseError);
        while (!reason.empty() && reason.back() == '\n')
            reason.pop_back();
        return "centre.database is not a PostgreSQL connection string (" + reason +
               "); write it like \"postgresql://kiosk@centre.lan/kiosk?sslmode=verify-full\"";
    }
    std::map<std::string, std::string, std::less<>> values;
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option)
        if (option->val) values[option->keyword] = option->val;
    const bool local = allLocal(values["host"]) && allLocal(values["hostaddr"]);
    if (!local && values["sslmode"] != "verify-full") {
        return "centre.database reaches the server over the network, so it needs sslmode=verify-full "
               "(encrypted, and the server's certificate checked against its name); add "
               "\"?sslmode=verify-full\" (URI) or \" sslmode=verify-full\" (key=value)";
    }
    return std::nullopt;
}

}  // namespace kiosk::config
