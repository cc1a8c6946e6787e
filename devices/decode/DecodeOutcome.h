// What one decode attempt produced: the code it read (text, format, where it is) and how long it
// took. Plain values, safe to copy between threads.
#pragma once

#include <opencv2/core/types.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace devices {

// The steps of the decode pipeline (DecodePipeline.h; the order of the region passes is
// kRegionPasses in DecodePipeline.cpp, or kLargeRegionPasses for large regions). Values are never
// renumbered: benchmarks name them.
enum class DecodePass : std::uint8_t {
    Plain,            // whole frame, ZXing's local-average binarizer: the cheap first pass
    RegionContrast,   // each likely code region, rescaled so a code spans 480-960 px, after local
                      // contrast equalisation (CLAHE): faint, shadowed and small codes
    RegionThreshold,  // ... at 1.5x, smoothed and binarised against the local mean over two or three
                      // modules: small blurred codes, faint ones below ZXing's contrast floor
    RegionSharpen,    // ... after a 3x3 median and unsharp masking: defocus and motion blur
    RegionInverted,   // ... with light and dark swapped: dark-mode screens
    FrameThreshold,   // whole frame, wide local-mean threshold: faint codes the region finder missed
    FrameInverted,    // whole frame, light and dark swapped
    Raw,              // decodeRawBaseline(): one default ZXing call, for comparison only
    // The second round of issue 17, tried in the order listed in DecodePipeline.cpp:
    RegionEnlarged,       // each region at twice its frame size, as it is: dense codes seen at an angle
    RegionFineThreshold,  // ... at twice its size, lightly smoothed and binarised over ~4 frame px:
                          // small codes blurred to grey mush
    RegionWideThreshold,  // ... at frame size, binarised over ~16 frame px: faint codes in noise
    FrameFaintThreshold,  // whole frame smoothed, then a 15 px local-mean threshold: faint codes the
                          // region finder did not see
    RegionRectified,      // each region's code outline warped flat onto a square: dense codes at a
                          // steep angle, codes on bent paper
    RegionDeblurred,      // ... at frame size, strongly unsharp-masked, then a local threshold over
                          // ~8 frame px: small codes defocused by half a module
    // The third round of issue 17:
    RegionDeconvolved,  // ... at frame size, Wiener-deconvolved for a defocus of ~2 frame px, then
                        // enlarged 3x: small turned codes defocused by half a module or more
    RegionUnbent,       // ... the code's outline fitted with curves and resampled straight: codes
                        // on paper bent round a cylinder
    // The fourth round of issue 17:
    RegionRedrawn,  // after a rectified pass missed: the modules sampled along the code's own timing
                    // and alignment patterns and drawn clean (ModuleGrid.h): dense codes on bent paper
    // The fifth round of issue 17: the whole-frame thresholds on the region, where they read the
    // same codes for a sixth of the time (a crop of a few hundred pixels, not the frame).
    RegionMeanThreshold,      // ... at frame size, FrameThreshold's 41 px local mean: faint codes
    RegionSmoothedThreshold,  // ... at frame size, FrameFaintThreshold's smoothing and 15 px mean
    // The seventh round of issue 17:
    RegionRinged,  // ... of a soft region, rectified along the finders found by their ring averages
                   // (finderRingsQuad) and redrawn: faint codes in noise, small blurred ones
};

inline constexpr int kDecodePassCount = 20;

std::string_view decodePassName(DecodePass pass);

struct DecodedCode {
    std::string text;    // UTF-8
    std::string format;  // ZXing's name for the symbology, e.g. "QRCode"
    // The symbol's corners in the frame's pixel coordinates: top-left, top-right, bottom-right,
    // bottom-left as the code reads (so a code held upside down has its top-left at the bottom).
    std::array<cv::Point2f, 4> corners;
    DecodePass pass = DecodePass::Plain;  // which step read it
};

struct DecodeOutcome {
    std::optional<DecodedCode> code;  // empty when no code was read
    // When nothing was read: the most code-like region the pipeline tried, in frame pixels (what
    // DecodeWorker compares across consecutive frames). Empty when none looked like a code.
    std::optional<cv::Rect> candidate;
    double ms = 0.0;     // wall time of the whole attempt
    double cpuMs = 0.0;  // CPU time of the calling thread (what the budget counts)
    int passesRun = 0;

    bool found() const { return code.has_value(); }
};

}  // namespace devices
