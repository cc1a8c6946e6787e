// The schema, as numbered steps. Append only: a shipped migration is never edited, since
// kiosks in the field have already applied it.
#pragma once

#include <span>
#include <string_view>

namespace kiosk::store {

struct Migration {
    int version;
    std::string_view sql;
};

std::span<const Migration> migrations();

}  // namespace kiosk::store
