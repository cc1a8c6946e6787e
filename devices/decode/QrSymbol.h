// A QR symbol's layout as ISO/IEC 18004 draws it (function patterns, format information, where
// the codewords go, how they split into blocks) and the one thing done with it here: correcting a
// symbol's modules as sampled, codeword by codeword, with its doubtful codewords erased. ZXing
// corrects errors only and never learns which modules were doubtful; under glare a third of a
// code's modules can be saturated, half of them wrongly taken as light, which is past what a low
// level's errors-only correction carries but within what it carries as erasures. Pure.
#pragma once

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace devices {

// The alignment pattern centres of a version (ISO/IEC 18004 table E.1) as module indices along
// either axis; empty for version 1.
std::vector<int> alignmentPositions(int version);

// The standard leaves out the alignment patterns whose place falls on a finder pattern.
bool underFinder(int a, int b, int dimension);

// Whether the module (dc, dr) from a finder's or an alignment pattern's centre is dark.
int finderDark(int dc, int dr);
int alignmentDark(int dc, int dr);

// The function patterns (finders with their separators, timing, alignment, the dark module), as
// CV_8S: 1 dark, 0 light, -1 anything else (data, format and version information).
cv::Mat functionPatterns(int dimension);

// The codewords a symbol holds: data and check codewords of every block, interleaved as placed.
int symbolCodewords(int dimension);

// `dark`: CV_8U, dimension x dimension, non-zero where a module was read dark; `confidence`:
// CV_32F, how sure each reading is (0 for no idea, as under glare; any non-negative scale). Gives
// `dark` with every block's codewords corrected, the least sure codewords of a block erased when
// errors alone are too many; nothing when the format information or some block is past
// correcting. Blocks are trusted only with two check codewords to spare beyond what erasures
// use, so that a code read wrongly is refused rather than "corrected" into another.
std::optional<cv::Mat> correctedModules(const cv::Mat& dark, const cv::Mat& confidence);

}  // namespace devices
