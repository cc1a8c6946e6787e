#include "kiosk/setup/RosterCsv.h"

#include <algorithm>
#include <cctype>

#include "kiosk/helplog/VolunteerName.h"

namespace kiosk::setup {

namespace {

// The first field of a CSV line: quoted ("Lan, Thu" or "Nguyễn ""Bé""") or up to , or ;
// (spreadsheets in Vietnamese locales save with ';').
std::string firstField(std::string_view line) {
    std::string field;
    if (!line.empty() && line.front() == '"') {
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field += '"';
                    ++i;
                    continue;
                }
                break;
            }
            field += line[i];
        }
        return trimmed(field);
    }
    const auto end = line.find_first_of(",;");
    return trimmed(line.substr(0, end));
}

std::string lowerAscii(std::string text) {
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// A first line that names the column rather than a person.
bool isHeader(const std::string& field) {
    static const std::string kHeaders[] = {"name",
                                           "names",
                                           "display name",
                                           "display_name",
                                           "nickname",
                                           "tên",
                                           "ten",
                                           "họ tên",
                                           "ho ten",
                                           "họ và tên",
                                           "biệt danh",
                                           "tên tình nguyện viên",
                                           "tình nguyện viên"};
    const std::string lower = lowerAscii(field);
    // Vietnamese capitals (TÊN) are not ASCII; compare the common spellings as typed.
    return std::ranges::find(kHeaders, lower) != std::end(kHeaders) || field == "Tên" || field == "TÊN" ||
           field == "Họ tên" || field == "Họ và tên" || field == "Biệt danh";
}

}  // namespace

RosterImport parseRosterCsv(std::string_view text) {
    RosterImport result;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    int lineNumber = 0;
    bool firstContentLine = true;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNumber;
        if (line.ends_with('\r')) line.remove_suffix(1);
        const std::string name = helplog::normaliseVolunteerName(firstField(line));
        if (name.empty()) continue;
        if (firstContentLine) {
            firstContentLine = false;
            if (isHeader(name)) continue;
        }
        const std::map<std::string, std::string> values = {{"line", std::to_string(lineNumber)},
                                                           {"name", name}};
        if (!isAcceptableVolunteerName(name)) {
            // A phone or ID number in the name column is not echoed back on screen either.
            auto shown = values;
            const bool mayBePersonal = name.size() > 40 || name.find('@') != std::string::npos ||
                                       std::ranges::any_of(name, [](char c) { return c >= '0' && c <= '9'; });
            if (mayBePersonal) shown["name"] = "…";
            result.problems.push_back({"roster", i18n::MessageId::SetupProblemVolunteerName, shown});
            continue;
        }
        // Look-alike names (case, composition, invisible characters) are the same name.
        if (std::ranges::any_of(result.names, [&](const std::string& earlier) {
                return helplog::volunteerNameKey(earlier) == helplog::volunteerNameKey(name);
            })) {
            result.problems.push_back({"roster", i18n::MessageId::SetupProblemVolunteerDuplicate, values});
            continue;
        }
        result.names.push_back(name);
    }
    if (result.names.empty() && result.problems.empty()) {
        result.problems.push_back({"roster", i18n::MessageId::SetupProblemCsvEmpty, {}});
    }
    return result;
}

}  // namespace kiosk::setup
