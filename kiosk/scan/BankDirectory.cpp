#include "kiosk/scan/BankDirectory.h"

#include <algorithm>
#include <optional>

#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

Error csvError(std::size_t line, std::string what) {
    return Error{"banks.bad_csv", "banks.csv line " + std::to_string(line) + ": " + what +
                                      ". Fix the line in assets/banks.csv and restart."};
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct CsvRecord {
    std::vector<std::string> fields;
    std::size_t line = 0;  // line where the record starts
};

// Splits RFC 4180 CSV into records; a quoted field may hold commas, quotes ("") and newlines.
Result<std::vector<CsvRecord>> splitCsv(std::string_view text) {
    std::vector<CsvRecord> records;
    std::size_t line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool quoted = false;
        bool fieldWasQuoted = false;
        bool endOfRecord = false;
        while (pos < text.size() && !endOfRecord) {
            const char c = text[pos];
            if (quoted) {
                if (c == '"') {
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        field.push_back('"');
                        pos += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') ++line;
                    field.push_back(c);
                }
                ++pos;
                continue;
            }
            if (c == '"') {
                if (!trim(field).empty()) {
                    return csvError(line, "a quote may only start a field");
                }
                field.clear();
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == ',') {
                record.fields.push_back(fieldWasQuoted ? field : std::string(trim(field)));
                field.clear();
                fieldWasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
                ++line;
                endOfRecord = true;
            } else {
                if (fieldWasQuoted && c != ' ' && c != '\t') {
                    return csvError(line, "text after a closing quote");
                }
                field.push_back(c);
            }
            ++pos;
        }
        if (quoted) {
            return csvError(record.line, "a quoted field is never closed");
        }
        record.fields.push_back(fieldWasQuoted ? field : std::string(trim(field)));
        const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !fieldWasQuoted;
        const bool comment = !record.fields[0].empty() && record.fields[0][0] == '#' && !fieldWasQuoted;
        if (!blank && !comment) {
            records.push_back(std::move(record));
        }
    }
    return records;
}

std::vector<std::string> splitDomains(std::string_view text) {
    std::vector<std::string> domains;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find(';'), text.size());
        std::string domain(trim(text.substr(0, end)));
        std::transform(domain.begin(), domain.end(), domain.begin(),
                       [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
        if (!domain.empty()) domains.push_back(std::move(domain));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return domains;
}

}  // namespace

Result<BankDirectory> BankDirectory::fromCsv(std::string_view csv) {
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
    if (!isValidUtf8(csv)) {
        return Error{"banks.bad_csv", "banks.csv is not valid UTF-8. Save it as UTF-8 and restart."};
    }
    auto records = splitCsv(csv);
    if (!records) return records.error();
    if (records->empty()) {
        return Error{"banks.bad_csv", "banks.csv has no header row (bin,short_name,name[,domains])."};
    }

    const CsvRecord& header = records->front();
    auto column = [&](std::string_view name) -> std::optional<std::size_t> {
        const auto it = std::find(header.fields.begin(), header.fields.end(), name);
        if (it == header.fields.end()) return std::nullopt;
        return static_cast<std::size_t>(it - header.fields.begin());
    };
    const auto binColumn = column("bin");
    const auto shortNameColumn = column("short_name");
    const auto nameColumn = column("name");
    const auto domainsColumn = column("domains");
    if (!binColumn || !shortNameColumn || !nameColumn) {
        return csvError(header.line, "the header must name the columns bin, short_name and name");
    }

    BankDirectory directory;
    for (std::size_t i = 1; i < records->size(); ++i) {
        const CsvRecord& record = (*records)[i];
        if (record.fields.size() != header.fields.size()) {
            return csvError(record.line, "expected " + std::to_string(header.fields.size()) +
                                             " fields, found " + std::to_string(record.fields.size()));
        }
        Bank bank;
        bank.bin = record.fields[*binColumn];
        bank.shortName = record.fields[*shortNameColumn];
        bank.name = record.fields[*nameColumn];
        if (domainsColumn) bank.domains = splitDomains(record.fields[*domainsColumn]);
        if (bank.bin.size() != 6 || !isDigits(bank.bin)) {
            return csvError(record.line, "the BIN must be 6 digits");
        }
        if (bank.shortName.empty() || bank.name.empty()) {
            return csvError(record.line, "short_name and name must not be empty");
        }
        directory.banks_.push_back(std::move(bank));
    }
    std::sort(directory.banks_.begin(), directory.banks_.end(),
              [](const Bank& a, const Bank& b) { return a.bin < b.bin; });
    const auto duplicate = std::adjacent_find(directory.banks_.begin(), directory.banks_.end(),
                                              [](const Bank& a, const Bank& b) { return a.bin == b.bin; });
    if (duplicate != directory.banks_.end()) {
        return Error{"banks.bad_csv",
                     "banks.csv lists BIN " + duplicate->bin + " twice. Keep one line per BIN and restart."};
    }
    return directory;
}

const Bank* BankDirectory::findByBin(std::string_view bin) const {
    const auto it = std::lower_bound(banks_.begin(), banks_.end(), bin,
                                     [](const Bank& bank, std::string_view key) { return bank.bin < key; });
    if (it == banks_.end() || it->bin != bin) return nullptr;
    return &*it;
}

}  // namespace kiosk::scan
