#include "kiosk/centre/TerminalHealth.h"

namespace kiosk::centre {

Result<std::vector<TerminalHealth>> terminalHealth(PgConnection& connection, std::string_view day,
                                                   std::chrono::seconds offlineAfter) {
    // The server's clock on both sides of the difference: terminals' clocks may disagree.
    auto rows = connection.query(
        "SELECT t.id, t.role, t.last_contact::text, "
        "floor(extract(epoch FROM now() - t.last_contact))::bigint, "
        "(SELECT count(*) FROM ticket k WHERE k.kiosk = t.id AND k.day = $1::date AND k.issued_offline) "
        "FROM terminal t ORDER BY t.role, t.id",
        {std::string(day)});
    if (!rows) return rows.error();
    std::vector<TerminalHealth> terminals;
    for (int row = 0; row < rows->count(); ++row) {
        TerminalHealth terminal{
            rows->text(row, 0),   rows->text(row, 1), rows->text(row, 2), rows->integer(row, 3), false,
            rows->integer(row, 4)};
        terminal.offline = terminal.secondsSilent > offlineAfter.count();
        terminals.push_back(std::move(terminal));
    }
    return terminals;
}

}  // namespace kiosk::centre
