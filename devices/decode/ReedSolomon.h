// Reed-Solomon decoding as QR codes use it (ISO/IEC 18004: GF(256) over x^8+x^4+x^3+x^2+1, the
// generator's roots a^0 .. a^(ec-1)), with erasures. ZXing corrects errors only: a block of ec
// check codewords survives ec/2 wrong codewords wherever they are. A codeword known to be doubtful
// (under glare, say) and given as an erasure costs half that: ec erasures, or any mix with
// 2 * errors + erasures <= ec. Pure.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace devices {

struct BlockCorrection {
    int errors = 0;    // wrong codewords found among those not erased
    int erasures = 0;  // erased codewords (corrected or found right)
};

// Corrects `block` in place: its data codewords, then its `ecCodewords` check codewords, the first
// being the coefficient of the highest power. `erased` holds indices into `block`. Gives nothing,
// and leaves `block` as it was, when the block is not within 2 * errors + erasures <= ecCodewords
// of a codeword.
std::optional<BlockCorrection> correctBlock(std::span<std::uint8_t> block, int ecCodewords,
                                            std::span<const int> erased = {});

// Generalised minimum distance decoding (Forney): corrects `block` erasing the first 0, 2, 4, ...
// (at most `maxErasures`) of `leastSureFirst`, its indices from least to most trusted, and keeps
// the first correction `acceptable` allows. Gives nothing, the block unchanged, when none is.
std::optional<BlockCorrection> correctErasingLeastSure(
    std::span<std::uint8_t> block, int ecCodewords, std::span<const int> leastSureFirst, int maxErasures,
    const std::function<bool(const BlockCorrection&)>& acceptable);

// The check codewords the standard appends to `data` (what an encoder does; tests use it).
std::vector<std::uint8_t> checkCodewords(std::span<const std::uint8_t> data, int ecCodewords);

}  // namespace devices
