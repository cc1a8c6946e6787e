// Errors-and-erasures decoding: the erasures' locator, Forney's modified syndromes run through
// Berlekamp-Massey for the errors' locator, a Chien search for where the errata are and Forney's
// formula for their values. Every correction is checked by recomputing the syndromes.
#include "devices/decode/ReedSolomon.h"

#include <algorithm>
#include <array>
#include <functional>
#include <vector>

namespace devices {

namespace {

// Polynomials over GF(256), lowest power first.
using Poly = std::vector<std::uint8_t>;

struct Field {
    std::array<std::uint8_t, 512> exp{};
    std::array<int, 256> log{};

    Field() {
        int x = 1;
        for (int i = 0; i < 255; ++i) {
            exp[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
            log[static_cast<std::size_t>(x)] = i;
            x <<= 1;
            if (x & 0x100) x ^= 0x11D;
        }
        for (int i = 255; i < 512; ++i)
            exp[static_cast<std::size_t>(i)] = exp[static_cast<std::size_t>(i - 255)];
    }

    std::uint8_t mul(std::uint8_t a, std::uint8_t b) const {
        if (a == 0 || b == 0) return 0;
        return exp[static_cast<std::size_t>(log[a] + log[b])];
    }
    std::uint8_t div(std::uint8_t a, std::uint8_t b) const {
        if (a == 0) return 0;
        return exp[static_cast<std::size_t>(log[a] + 255 - log[b])];
    }
    // a^power, power taken mod 255 (negative allowed).
    std::uint8_t alpha(int power) const { return exp[static_cast<std::size_t>(((power % 255) + 255) % 255)]; }

    std::uint8_t eval(const Poly& p, std::uint8_t x) const {
        std::uint8_t y = 0;
        for (auto it = p.rbegin(); it != p.rend(); ++it)
            y = static_cast<std::uint8_t>(mul(y, x) ^ *it);
        return y;
    }
    Poly times(const Poly& a, const Poly& b) const {
        Poly product(a.size() + b.size() - 1, 0);
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t j = 0; j < b.size(); ++j)
                product[i + j] ^= mul(a[i], b[j]);
        return product;
    }
};

const Field& field() {
    static const Field instance;
    return instance;
}

// S_j = r(a^j), j = 0 .. ec - 1, the block read as a polynomial with its first codeword highest.
Poly syndromes(std::span<const std::uint8_t> block, int ecCodewords) {
    const Field& gf = field();
    Poly s(static_cast<std::size_t>(ecCodewords), 0);
    for (int j = 0; j < ecCodewords; ++j) {
        const std::uint8_t x = gf.alpha(j);
        std::uint8_t value = 0;
        for (std::uint8_t codeword : block)
            value = static_cast<std::uint8_t>(gf.mul(value, x) ^ codeword);
        s[static_cast<std::size_t>(j)] = value;
    }
    return s;
}

// The shortest linear recurrence generating `sequence` (Berlekamp-Massey): the error locator.
Poly berlekampMassey(const Poly& sequence, int& length) {
    const Field& gf = field();
    Poly current{1}, previous{1};
    length = 0;
    int shift = 1;
    std::uint8_t previousDiscrepancy = 1;
    for (std::size_t n = 0; n < sequence.size(); ++n) {
        std::uint8_t discrepancy = sequence[n];
        for (int i = 1; i <= length && static_cast<std::size_t>(i) < current.size(); ++i)
            discrepancy ^=
                gf.mul(current[static_cast<std::size_t>(i)], sequence[n - static_cast<std::size_t>(i)]);
        if (discrepancy == 0) {
            ++shift;
            continue;
        }
        const std::uint8_t factor = gf.div(discrepancy, previousDiscrepancy);
        Poly next = current;
        if (next.size() < previous.size() + static_cast<std::size_t>(shift))
            next.resize(previous.size() + static_cast<std::size_t>(shift), 0);
        for (std::size_t i = 0; i < previous.size(); ++i)
            next[i + static_cast<std::size_t>(shift)] ^= gf.mul(factor, previous[i]);
        if (2 * length <= static_cast<int>(n)) {
            previous = current;
            length = static_cast<int>(n) + 1 - length;
            previousDiscrepancy = discrepancy;
            shift = 1;
        } else {
            ++shift;
        }
        current = std::move(next);
    }
    while (current.size() > 1 && current.back() == 0)
        current.pop_back();
    return current;
}

// correctBlock() with the block's syndromes already computed.
std::optional<BlockCorrection> correctGivenSyndromes(std::span<std::uint8_t> block, int ecCodewords,
                                                     std::span<const int> erased, const Poly& s) {
    const Field& gf = field();
    const int size = static_cast<int>(block.size());
    const int erasures = static_cast<int>(erased.size());
    if (ecCodewords <= 0 || ecCodewords >= size || erasures > ecCodewords) return std::nullopt;
    if (std::any_of(erased.begin(), erased.end(), [&](int index) { return index < 0 || index >= size; }))
        return std::nullopt;
    if (std::all_of(s.begin(), s.end(), [](std::uint8_t v) { return v == 0; }))
        return BlockCorrection{0, erasures};

    // Codeword i stands at power size - 1 - i: its locator is a^(size - 1 - i).
    const auto locatorOf = [&](int index) { return gf.alpha(size - 1 - index); };
    Poly erasureLocator{1};
    for (int index : erased)
        erasureLocator = gf.times(erasureLocator, Poly{1, locatorOf(index)});
    // Forney's modified syndromes: S(x) * erasure locator, whose coefficients erasures .. ec - 1
    // obey the errors' own recurrence.
    const Poly modified = gf.times(s, erasureLocator);
    const Poly forErrors(modified.begin() + erasures, modified.begin() + ecCodewords);
    int errors = 0;
    const Poly errorLocator = berlekampMassey(forErrors, errors);
    if (2 * errors + erasures > ecCodewords) return std::nullopt;
    const Poly locator = gf.times(errorLocator, erasureLocator);

    // Chien search: the errata are where the locator vanishes at a^-(power).
    std::vector<int> positions;
    for (int index = 0; index < size; ++index)
        if (gf.eval(locator, gf.alpha(-(size - 1 - index))) == 0) positions.push_back(index);
    if (static_cast<int>(positions.size()) != errors + erasures) return std::nullopt;

    // Forney: value = X * Omega(X^-1) / Locator'(X^-1), Omega = S * Locator mod x^ec.
    Poly evaluator = gf.times(s, locator);
    evaluator.resize(static_cast<std::size_t>(ecCodewords));
    Poly derivative(locator.size() > 1 ? locator.size() - 1 : 1, 0);
    for (std::size_t i = 1; i < locator.size(); i += 2)
        derivative[i - 1] = locator[i];
    std::vector<std::uint8_t> corrected(block.begin(), block.end());
    for (int index : positions) {
        const std::uint8_t x = locatorOf(index);
        const std::uint8_t xInverse = gf.alpha(-(size - 1 - index));
        const std::uint8_t denominator = gf.eval(derivative, xInverse);
        if (denominator == 0) return std::nullopt;
        corrected[static_cast<std::size_t>(index)] ^=
            gf.mul(x, gf.div(gf.eval(evaluator, xInverse), denominator));
    }
    const Poly check = syndromes(corrected, ecCodewords);
    if (!std::all_of(check.begin(), check.end(), [](std::uint8_t v) { return v == 0; })) return std::nullopt;
    std::copy(corrected.begin(), corrected.end(), block.begin());
    return BlockCorrection{errors, erasures};
}

}  // namespace

std::optional<BlockCorrection> correctBlock(std::span<std::uint8_t> block, int ecCodewords,
                                            std::span<const int> erased) {
    if (ecCodewords <= 0 || ecCodewords >= static_cast<int>(block.size())) return std::nullopt;
    return correctGivenSyndromes(block, ecCodewords, erased, syndromes(block, ecCodewords));
}

std::optional<BlockCorrection> correctErasingLeastSure(
    std::span<std::uint8_t> block, int ecCodewords, std::span<const int> leastSureFirst, int maxErasures,
    const std::function<bool(const BlockCorrection&)>& acceptable) {
    if (ecCodewords <= 0 || ecCodewords >= static_cast<int>(block.size())) return std::nullopt;
    const Poly s = syndromes(block, ecCodewords);
    maxErasures = std::max(0, std::min({maxErasures, ecCodewords, static_cast<int>(leastSureFirst.size())}));
    for (int erasures = 0; erasures <= maxErasures; erasures += 2) {
        std::vector<std::uint8_t> attempt(block.begin(), block.end());
        const auto correction = correctGivenSyndromes(
            attempt, ecCodewords, leastSureFirst.first(static_cast<std::size_t>(erasures)), s);
        if (!correction || !acceptable(*correction)) continue;
        std::copy(attempt.begin(), attempt.end(), block.begin());
        return correction;
    }
    return std::nullopt;
}

std::vector<std::uint8_t> checkCodewords(std::span<const std::uint8_t> data, int ecCodewords) {
    const Field& gf = field();
    // The generator: (x - a^0)(x - a^1) ... (x - a^(ec-1)), highest power first below.
    Poly generator{1};
    for (int j = 0; j < ecCodewords; ++j)
        generator = gf.times(generator, Poly{gf.alpha(j), 1});
    // data * x^ec mod generator, by long division with the highest power first.
    std::vector<std::uint8_t> remainder(static_cast<std::size_t>(ecCodewords), 0);
    for (std::uint8_t codeword : data) {
        const std::uint8_t factor = static_cast<std::uint8_t>(codeword ^ remainder.front());
        remainder.erase(remainder.begin());
        remainder.push_back(0);
        for (int i = 0; i < ecCodewords; ++i)
            remainder[static_cast<std::size_t>(i)] ^=
                gf.mul(factor, generator[static_cast<std::size_t>(ecCodewords - 1 - i)]);
    }
    return remainder;
}

}  // namespace devices
