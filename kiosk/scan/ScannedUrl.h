// Pure: no I/O, and never opens the link. Explains a scanned web address: scheme, host (with
// "xn--" labels decoded), whether it is a Vietnamese government site (host gov.vn or *.gov.vn),
// and warnings for the tricks used against citizens: look-alike hosts that borrow official or bank
// names, mixed scripts and confusable characters, punycode, IP-address hosts, "user@host"
// userinfo, link shorteners and plain http.
//
// Problem codes: hidden_characters, missing_host, bad_host, bad_port, bad_punycode (errors);
// no_scheme, not_https, unusual_scheme, userinfo_trick, encoded_host, ip_address_host,
// punycode_host, unicode_host, mixed_scripts, confusable_characters, official_name_lookalike,
// bank_name_lookalike, link_shortener (warnings).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan {

struct ScannedUrl {
    std::string url;          // the address as text safe to display (controls, bidi removed)
    std::string scheme;       // lower case; empty for "www.example.vn"
    std::string host;         // lower case, as written (punycode kept), without a trailing dot
    std::string hostUnicode;  // host with "xn--" labels decoded
    std::optional<std::uint16_t> port;
    bool https = false;
    bool government = false;  // host is gov.vn or ends in .gov.vn, and nothing is hidden in the URL
    bool shortener = false;
    bool ipAddress = false;
    bool userinfo = false;  // "https://dichvucong.gov.vn@evil.example/" style
};

// "scheme://..." or "www." with no spaces: what the classifier treats as an address.
bool looksLikeUrl(std::string_view text);
// Host rule alone, on a lower-case ASCII host: "gov.vn" or "*.gov.vn".
bool isGovernmentHost(std::string_view host);
Checked<ScannedUrl> checkUrl(std::string_view text, const BankDirectory& banks);

}  // namespace kiosk::scan
