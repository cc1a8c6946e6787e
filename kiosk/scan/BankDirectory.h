// Pure: no I/O. The NAPAS bank directory (assets/banks.csv): BIN -> bank names and the web
// domains the bank really uses. Callers read the file; this only parses text, so tests and the
// fuzzers can build a directory from a string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"

namespace kiosk::scan {

struct Bank {
    std::string bin;                   // 6-digit NAPAS bank identification number, e.g. "970436"
    std::string shortName;             // what people call it, e.g. "Vietcombank"
    std::string name;                  // full legal name in Vietnamese
    std::vector<std::string> domains;  // lower-case hosts the bank owns, e.g. "vietcombank.com.vn"
};

class BankDirectory {
public:
    BankDirectory() = default;

    // CSV with a header row naming the columns bin, short_name, name and optionally domains
    // (';'-separated). RFC 4180 quoting, CRLF or LF, a UTF-8 BOM, blank lines and lines starting
    // with '#' are accepted. Errors name the line: code "banks.bad_csv".
    static Result<BankDirectory> fromCsv(std::string_view csv);

    const Bank* findByBin(std::string_view bin) const;
    const std::vector<Bank>& banks() const { return banks_; }
    bool empty() const { return banks_.empty(); }
    std::size_t size() const { return banks_.size(); }

private:
    std::vector<Bank> banks_;  // sorted by bin
};

}  // namespace kiosk::scan
