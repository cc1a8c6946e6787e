// The layout tables and placement rules of ISO/IEC 18004:2015 (sections 7.3-7.9, tables 9 and
// E.1, annex C), and the codeword-level correction built on them.
#include "devices/decode/QrSymbol.h"

#include "devices/decode/ReedSolomon.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>

namespace devices {

std::vector<int> alignmentPositions(int version) {
    if (version < 2 || version > 40) return {};
    const int dimension = 17 + 4 * version;
    const int count = version / 7 + 2;
    // Equal even steps back from the last position; the first interval takes what is left.
    // Version 32 is the standard's one exception to the rounding.
    const int intervals = count - 1;
    const int step = version == 32 ? 26 : ((dimension - 13) + 2 * intervals - 1) / (2 * intervals) * 2;
    std::vector<int> positions(static_cast<std::size_t>(count));
    positions.front() = 6;
    for (int i = count - 1, at = dimension - 7; i >= 1; --i, at -= step)
        positions[static_cast<std::size_t>(i)] = at;
    return positions;
}

bool underFinder(int a, int b, int dimension) {
    return (a == 6 && b == 6) || (a == 6 && b == dimension - 7) || (a == dimension - 7 && b == 6);
}

// The 7x7 finder pattern and 5x5 alignment pattern: concentric squares, dark at Chebyshev
// distance 0..1 and at the outer ring.
int finderDark(int dc, int dr) {
    const int ring = std::max(std::abs(dc), std::abs(dr));
    return ring != 2 ? 1 : 0;
}
int alignmentDark(int dc, int dr) {
    const int ring = std::max(std::abs(dc), std::abs(dr));
    return ring != 1 ? 1 : 0;
}

cv::Mat functionPatterns(int n) {
    cv::Mat fixed(n, n, CV_8S, cv::Scalar(-1));
    const auto put = [&](int c, int r, int value) {
        if (c >= 0 && r >= 0 && c < n && r < n) fixed.at<schar>(r, c) = static_cast<schar>(value);
    };
    for (const auto& [fc, fr] : {std::pair{3, 3}, std::pair{n - 4, 3}, std::pair{3, n - 4}}) {
        for (int dr = -4; dr <= 4; ++dr)
            for (int dc = -4; dc <= 4; ++dc)
                put(fc + dc, fr + dr, std::max(std::abs(dc), std::abs(dr)) == 4 ? 0 : finderDark(dc, dr));
    }
    for (int i = 8; i <= n - 9; ++i) {
        put(i, 6, i % 2 == 0 ? 1 : 0);
        put(6, i, i % 2 == 0 ? 1 : 0);
    }
    const auto positions = alignmentPositions((n - 17) / 4);
    for (int a : positions) {
        for (int b : positions) {
            if (underFinder(a, b, n)) continue;
            for (int dr = -2; dr <= 2; ++dr)
                for (int dc = -2; dc <= 2; ++dc)
                    put(a + dc, b + dr, alignmentDark(dc, dr));
        }
    }
    put(8, n - 8, 1);  // the dark module beside the bottom-left finder
    return fixed;
}

namespace {

// Table 9: per version and level (L, M, Q, H), the check codewords of every block and the blocks'
// data codewords: `shortBlocks` of `shortData`, then `longBlocks` of one more.
struct BlockLayout {
    int ecPerBlock;
    int shortBlocks;
    int shortData;
    int longBlocks;
};

// clang-format off
constexpr std::array<std::array<BlockLayout, 4>, 40> kBlocks = {{
    {{{7, 1, 19, 0}, {10, 1, 16, 0}, {13, 1, 13, 0}, {17, 1, 9, 0}}},
    {{{10, 1, 34, 0}, {16, 1, 28, 0}, {22, 1, 22, 0}, {28, 1, 16, 0}}},
    {{{15, 1, 55, 0}, {26, 1, 44, 0}, {18, 2, 17, 0}, {22, 2, 13, 0}}},
    {{{20, 1, 80, 0}, {18, 2, 32, 0}, {26, 2, 24, 0}, {16, 4, 9, 0}}},
    {{{26, 1, 108, 0}, {24, 2, 43, 0}, {18, 2, 15, 2}, {22, 2, 11, 2}}},
    {{{18, 2, 68, 0}, {16, 4, 27, 0}, {24, 4, 19, 0}, {28, 4, 15, 0}}},
    {{{20, 2, 78, 0}, {18, 4, 31, 0}, {18, 2, 14, 4}, {26, 4, 13, 1}}},
    {{{24, 2, 97, 0}, {22, 2, 38, 2}, {22, 4, 18, 2}, {26, 4, 14, 2}}},
    {{{30, 2, 116, 0}, {22, 3, 36, 2}, {20, 4, 16, 4}, {24, 4, 12, 4}}},
    {{{18, 2, 68, 2}, {26, 4, 43, 1}, {24, 6, 19, 2}, {28, 6, 15, 2}}},
    {{{20, 4, 81, 0}, {30, 1, 50, 4}, {28, 4, 22, 4}, {24, 3, 12, 8}}},
    {{{24, 2, 92, 2}, {22, 6, 36, 2}, {26, 4, 20, 6}, {28, 7, 14, 4}}},
    {{{26, 4, 107, 0}, {22, 8, 37, 1}, {24, 8, 20, 4}, {22, 12, 11, 4}}},
    {{{30, 3, 115, 1}, {24, 4, 40, 5}, {20, 11, 16, 5}, {24, 11, 12, 5}}},
    {{{22, 5, 87, 1}, {24, 5, 41, 5}, {30, 5, 24, 7}, {24, 11, 12, 7}}},
    {{{24, 5, 98, 1}, {28, 7, 45, 3}, {24, 15, 19, 2}, {30, 3, 15, 13}}},
    {{{28, 1, 107, 5}, {28, 10, 46, 1}, {28, 1, 22, 15}, {28, 2, 14, 17}}},
    {{{30, 5, 120, 1}, {26, 9, 43, 4}, {28, 17, 22, 1}, {28, 2, 14, 19}}},
    {{{28, 3, 113, 4}, {26, 3, 44, 11}, {26, 17, 21, 4}, {26, 9, 13, 16}}},
    {{{28, 3, 107, 5}, {26, 3, 41, 13}, {30, 15, 24, 5}, {28, 15, 15, 10}}},
    {{{28, 4, 116, 4}, {26, 17, 42, 0}, {28, 17, 22, 6}, {30, 19, 16, 6}}},
    {{{28, 2, 111, 7}, {28, 17, 46, 0}, {30, 7, 24, 16}, {24, 34, 13, 0}}},
    {{{30, 4, 121, 5}, {28, 4, 47, 14}, {30, 11, 24, 14}, {30, 16, 15, 14}}},
    {{{30, 6, 117, 4}, {28, 6, 45, 14}, {30, 11, 24, 16}, {30, 30, 16, 2}}},
    {{{26, 8, 106, 4}, {28, 8, 47, 13}, {30, 7, 24, 22}, {30, 22, 15, 13}}},
    {{{28, 10, 114, 2}, {28, 19, 46, 4}, {28, 28, 22, 6}, {30, 33, 16, 4}}},
    {{{30, 8, 122, 4}, {28, 22, 45, 3}, {30, 8, 23, 26}, {30, 12, 15, 28}}},
    {{{30, 3, 117, 10}, {28, 3, 45, 23}, {30, 4, 24, 31}, {30, 11, 15, 31}}},
    {{{30, 7, 116, 7}, {28, 21, 45, 7}, {30, 1, 23, 37}, {30, 19, 15, 26}}},
    {{{30, 5, 115, 10}, {28, 19, 47, 10}, {30, 15, 24, 25}, {30, 23, 15, 25}}},
    {{{30, 13, 115, 3}, {28, 2, 46, 29}, {30, 42, 24, 1}, {30, 23, 15, 28}}},
    {{{30, 17, 115, 0}, {28, 10, 46, 23}, {30, 10, 24, 35}, {30, 19, 15, 35}}},
    {{{30, 17, 115, 1}, {28, 14, 46, 21}, {30, 29, 24, 19}, {30, 11, 15, 46}}},
    {{{30, 13, 115, 6}, {28, 14, 46, 23}, {30, 44, 24, 7}, {30, 59, 16, 1}}},
    {{{30, 12, 121, 7}, {28, 12, 47, 26}, {30, 39, 24, 14}, {30, 22, 15, 41}}},
    {{{30, 6, 121, 14}, {28, 6, 47, 34}, {30, 46, 24, 10}, {30, 2, 15, 64}}},
    {{{30, 17, 122, 4}, {28, 29, 46, 14}, {30, 49, 24, 10}, {30, 24, 15, 46}}},
    {{{30, 4, 122, 18}, {28, 13, 46, 32}, {30, 48, 24, 14}, {30, 42, 15, 32}}},
    {{{30, 20, 117, 4}, {28, 40, 47, 7}, {30, 43, 24, 22}, {30, 10, 15, 67}}},
    {{{30, 19, 118, 6}, {28, 18, 47, 31}, {30, 34, 24, 34}, {30, 20, 15, 61}}},
}};
// clang-format on

// Check codewords the small versions keep for detecting a wrong read rather than correcting
// (table 9's "p"): version 1 L, M, Q, H; version 2 L; version 3 L.
int detectionOnly(int version, int level) {
    if (version == 1) return std::array{3, 2, 1, 1}[static_cast<std::size_t>(level)];
    if (level == 0 && version == 2) return 2;
    if (level == 0 && version == 3) return 1;
    return 0;
}

// Erased codewords must leave this many check codewords unused: a block that is "corrected" with
// none to spare could be any codeword at all.
constexpr int kSpareCheckCodewords = 2;

// Modules that hold no codeword bits: function patterns, format and version information.
cv::Mat reservedModules(int n) {
    cv::Mat reserved = functionPatterns(n) >= 0;
    for (int i = 0; i <= 8; ++i) {
        reserved.at<uchar>(8, i) = reserved.at<uchar>(i, 8) = 255;
        if (i < 8) reserved.at<uchar>(8, n - 1 - i) = 255;
        if (i < 7) reserved.at<uchar>(n - 1 - i, 8) = 255;
    }
    if (n >= 45) {  // version 7 and up
        for (int i = 0; i < 6; ++i)
            for (int j = n - 11; j <= n - 9; ++j)
                reserved.at<uchar>(i, j) = reserved.at<uchar>(j, i) = 255;
    }
    return reserved;
}

// The modules codeword bits go to, in order (section 7.7.3): two columns at a time from the right,
// up then down, never through the vertical timing pattern.
std::vector<cv::Point> codewordModules(const cv::Mat& reserved) {
    const int n = reserved.rows;
    std::vector<cv::Point> order;
    bool upward = true;
    for (int right = n - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5;
        for (int k = 0; k < n; ++k) {
            const int row = upward ? n - 1 - k : k;
            for (int col = right; col >= right - 1; --col)
                if (!reserved.at<uchar>(row, col)) order.emplace_back(col, row);
        }
        upward = !upward;
    }
    return order;
}

// Section 7.8.2: whether mask pattern `mask` flips the module at (row i, column j).
bool masked(int mask, int i, int j) {
    switch (mask) {
        case 0: return (i + j) % 2 == 0;
        case 1: return i % 2 == 0;
        case 2: return j % 3 == 0;
        case 3: return (i + j) % 3 == 0;
        case 4: return (i / 2 + j / 3) % 2 == 0;
        case 5: return (i * j) % 2 + (i * j) % 3 == 0;
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
        default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
    }
}

// BCH remainder of `data` shifted past `checkBits`, for format (0x537) and version (0x1F25) bits.
int bchCode(int data, int generator, int checkBits) {
    int value = data << checkBits;
    const int generatorBits = checkBits + 1;
    for (int bit = 31; bit >= generatorBits - 1; --bit)
        if (value & (1 << bit)) value ^= generator << (bit - (generatorBits - 1));
    return (data << checkBits) | value;
}

int formatCodeword(int data) {
    return bchCode(data, 0x537, 10) ^ 0x5412;
}

// The two copies of the 15 format bits, most significant first (section 7.9.1).
std::array<std::array<cv::Point, 15>, 2> formatModules(int n) {
    std::array<std::array<cv::Point, 15>, 2> copies;
    auto& nearFinder = copies[0];
    int k = 0;
    for (int col : {0, 1, 2, 3, 4, 5, 7, 8})
        nearFinder[static_cast<std::size_t>(k++)] = {col, 8};
    for (int row : {7, 5, 4, 3, 2, 1, 0})
        nearFinder[static_cast<std::size_t>(k++)] = {8, row};
    auto& split = copies[1];
    k = 0;
    for (int row = n - 1; row >= n - 7; --row)
        split[static_cast<std::size_t>(k++)] = {8, row};
    for (int col = n - 8; col <= n - 1; ++col)
        split[static_cast<std::size_t>(k++)] = {col, 8};
    return copies;
}

struct Format {
    int level = 0;  // 0..3 for L, M, Q, H
    int mask = 0;
    int codeword = 0;
};

// The format codeword nearest both copies, counting only the bits read with some confidence.
std::optional<Format> readFormat(const cv::Mat& dark, const cv::Mat& confidence) {
    const auto copies = formatModules(dark.rows);
    int best = -1, bestDistance = 1 << 30, secondDistance = 1 << 30;
    for (int data = 0; data < 32; ++data) {
        const int codeword = formatCodeword(data);
        int distance = 0;
        for (const auto& copy : copies) {
            for (int k = 0; k < 15; ++k) {
                const cv::Point at = copy[static_cast<std::size_t>(k)];
                if (confidence.at<float>(at) <= 0.0f) continue;
                const bool expected = (codeword >> (14 - k)) & 1;
                if (expected != (dark.at<uchar>(at) != 0)) ++distance;
            }
        }
        if (distance < bestDistance) {
            secondDistance = bestDistance;
            bestDistance = distance;
            best = data;
        } else if (distance < secondDistance) {
            secondDistance = distance;
        }
    }
    // Two copies of a code with minimum distance 7: three wrong bits in each is still unambiguous.
    if (bestDistance > 6 || secondDistance <= bestDistance) return std::nullopt;
    static constexpr std::array<int, 4> kLevelOfBits = {1, 0, 3, 2};  // indicator 00 M, 01 L, 10 H, 11 Q
    return Format{kLevelOfBits[static_cast<std::size_t>((best >> 3) & 3)], best & 7, formatCodeword(best)};
}

// The symbol's codewords split into blocks: for each block, the indices (in placement order) of its
// data codewords, then of its check codewords (section 7.6).
std::vector<std::vector<int>> blockCodewords(const BlockLayout& layout) {
    const int blocks = layout.shortBlocks + layout.longBlocks;
    std::vector<std::vector<int>> members(static_cast<std::size_t>(blocks));
    int index = 0;
    for (int i = 0; i <= layout.shortData; ++i)
        for (int b = 0; b < blocks; ++b)
            if (i < layout.shortData || b >= layout.shortBlocks)
                members[static_cast<std::size_t>(b)].push_back(index++);
    for (int i = 0; i < layout.ecPerBlock; ++i)
        for (auto& block : members)
            block.push_back(index++);
    return members;
}

int layoutCodewords(const BlockLayout& layout) {
    return layout.shortBlocks * (layout.shortData + layout.ecPerBlock) +
           layout.longBlocks * (layout.shortData + 1 + layout.ecPerBlock);
}

// Corrects one block, erasing ever more of its least sure codewords until it corrects within the
// bound with the spare check codewords kept, or the erasures use up what the block can carry.
bool correctWithErasures(std::vector<std::uint8_t>& block, const std::vector<float>& sureness,
                         int ecCodewords, int detectionCodewords) {
    const int carries = ecCodewords - detectionCodewords;
    std::vector<int> leastSureFirst(block.size());
    std::iota(leastSureFirst.begin(), leastSureFirst.end(), 0);
    std::stable_sort(leastSureFirst.begin(), leastSureFirst.end(), [&](int a, int b) {
        return sureness[static_cast<std::size_t>(a)] < sureness[static_cast<std::size_t>(b)];
    });
    return correctErasingLeastSure(block, ecCodewords, leastSureFirst, carries - kSpareCheckCodewords,
                                   [&](const BlockCorrection& correction) {
                                       const int spare = correction.erasures == 0 ? 0 : kSpareCheckCodewords;
                                       return 2 * correction.errors + correction.erasures + spare <= carries;
                                   })
        .has_value();
}

}  // namespace

int symbolCodewords(int dimension) {
    return static_cast<int>(codewordModules(reservedModules(dimension)).size() / 8);
}

std::optional<cv::Mat> correctedModules(const cv::Mat& dark, const cv::Mat& confidence) {
    CV_Assert(dark.type() == CV_8UC1 && confidence.type() == CV_32FC1 && dark.size() == confidence.size());
    const int n = dark.rows;
    const int version = (n - 17) / 4;
    if (dark.cols != n || n < 21 || n > 177 || (n - 17) % 4 != 0) return std::nullopt;
    const auto format = readFormat(dark, confidence);
    if (!format) return std::nullopt;
    const BlockLayout& layout =
        kBlocks[static_cast<std::size_t>(version - 1)][static_cast<std::size_t>(format->level)];
    const std::vector<cv::Point> modules = codewordModules(reservedModules(n));
    const int total = layoutCodewords(layout);
    if (static_cast<int>(modules.size()) / 8 != total) return std::nullopt;

    std::vector<std::uint8_t> codewords(static_cast<std::size_t>(total), 0);
    std::vector<float> sureness(static_cast<std::size_t>(total), 0.0f);
    for (int k = 0; k < total; ++k) {
        int value = 0;
        float least = std::numeric_limits<float>::max();
        for (int bit = 0; bit < 8; ++bit) {
            const cv::Point at = modules[static_cast<std::size_t>(8 * k + bit)];
            const bool isDark = (dark.at<uchar>(at) != 0) != masked(format->mask, at.y, at.x);
            value = (value << 1) | (isDark ? 1 : 0);
            least = std::min(least, confidence.at<float>(at));
        }
        codewords[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(value);
        sureness[static_cast<std::size_t>(k)] = least;
    }
    const int detection = detectionOnly(version, format->level);
    for (const auto& members : blockCodewords(layout)) {
        std::vector<std::uint8_t> block;
        std::vector<float> blockSureness;
        for (int index : members) {
            block.push_back(codewords[static_cast<std::size_t>(index)]);
            blockSureness.push_back(sureness[static_cast<std::size_t>(index)]);
        }
        if (!correctWithErasures(block, blockSureness, layout.ecPerBlock, detection)) return std::nullopt;
        for (std::size_t i = 0; i < members.size(); ++i)
            codewords[static_cast<std::size_t>(members[i])] = block[i];
    }

    cv::Mat corrected = dark.clone();
    for (int k = 0; k < total; ++k) {
        for (int bit = 0; bit < 8; ++bit) {
            const cv::Point at = modules[static_cast<std::size_t>(8 * k + bit)];
            const bool isDark = ((codewords[static_cast<std::size_t>(k)] >> (7 - bit)) & 1) != 0;
            corrected.at<uchar>(at) = isDark != masked(format->mask, at.y, at.x) ? 1 : 0;
        }
    }
    for (const auto& copy : formatModules(n))
        for (int k = 0; k < 15; ++k)
            corrected.at<uchar>(copy[static_cast<std::size_t>(k)]) = (format->codeword >> (14 - k)) & 1;
    if (version >= 7) {
        const int bits = bchCode(version, 0x1F25, 12);
        for (int k = 0; k < 18; ++k) {
            const uchar value = (bits >> k) & 1;
            corrected.at<uchar>(k / 3, n - 11 + k % 3) = value;
            corrected.at<uchar>(n - 11 + k % 3, k / 3) = value;
        }
    }
    const cv::Mat fixed = functionPatterns(n);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (fixed.at<schar>(r, c) >= 0)
                corrected.at<uchar>(r, c) = static_cast<uchar>(fixed.at<schar>(r, c));
    return corrected;
}

}  // namespace devices
