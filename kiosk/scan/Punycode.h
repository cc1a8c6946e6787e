// Pure: no I/O. RFC 3492 Punycode decoding, and IDNA label handling for hosts: "xn--" labels are
// decoded so the citizen sees what the address really spells (e.g. a Cyrillic look-alike).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::scan {

// Decodes the Punycode part of a label (without "xn--") to code points. Returns nullopt for any
// malformed input: bad digits, overflow, a code point outside Unicode or a surrogate.
std::optional<std::u32string> decodePunycode(std::string_view encoded);

// Decodes one host label: "xn--" (any case) labels through Punycode, others unchanged (invalid
// UTF-8 replaced). The result is valid UTF-8; nullopt when a "xn--" label does not decode.
std::optional<std::string> decodeIdnaLabel(std::string_view label);

}  // namespace kiosk::scan
