// A QR code's modules read straight off a flattened image of it, following the code's own timing
// and alignment patterns, and drawn again clean. ZXing 1.4 samples a code through one homography
// fitted to its finder patterns and one alignment pattern; on paper bent round a cylinder the
// modules in between drift off that grid by a module or more, so dense bent codes do not read
// however they are cropped or binarised. Here every alignment pattern and every timing module is
// looked for near where the homography puts it, a smooth (cubic) map from module to pixel is
// fitted through what was found, and each module is sampled where that map puts it. The samples
// are read three ways (against the local mean; against the local extremes, glare-aware; with a
// defocus blur unmixed from the neighbours' readings), each module with how sure it is, and the
// first reading whose codewords correct with the doubtful ones erased (QrSymbol.h) is drawn;
// failing all, the first reading, for ZXing's own correction. Pure: no I/O.
#pragma once

#include <opencv2/core.hpp>

#include <array>
#include <vector>

namespace devices {

struct RedrawnCode {
    cv::Mat image;  // 8-bit, black modules on white with a 4-module quiet zone, for ZXing's pure reader
    // Where the symbol's corners, as drawn in `image`, lie in the flattened image: top-left,
    // top-right, bottom-right, bottom-left of `image`'s symbol.
    std::array<cv::Point2f, 4> imageCorners;
    std::array<cv::Point2f, 4> flatCorners;
    int dimension = 0;  // modules across: 21 for version 1, 4 more per version
};

// `flat`: 8-bit gray, the code turned any whole number of quarter turns, its symbol roughly filling
// the square from (inset, inset) to (cols - inset, rows - inset) (as DecodePipeline's rectified
// pass draws it). Gives the code redrawn for the most likely dimensions, best first, at most
// `maxCandidates`; none when no corner triple looks like finder patterns.
std::vector<RedrawnCode> redrawnCodes(const cv::Mat& flat, float inset, int maxCandidates = 2);

}  // namespace devices
