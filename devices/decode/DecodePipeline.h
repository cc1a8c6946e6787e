// The QR decode pipeline shared by the camera's decoder thread and `commune-kiosk scan FILE`.
// One ZXing call reads a clean code in ~3 ms; camera frames are often not clean. So: a cheap
// whole-frame pass first; then, while a CPU-time budget lasts, retries on the regions that look
// like a code, cheapest and most productive first (contrast-equalised, thresholded over a wide,
// a mid and a fine window, inverted, deblurred, warped flat along the code's outline, enlarged,
// sharpened), with the whole-frame threshold and inverted fallbacks after the most code-like
// region. Large regions try the code warped flat early, along the outline of its dark modules and
// along the one its three finder patterns give. The second round of issue 17 added the passes for
// small blurred, faint, steeply tilted and bent codes; each was chosen from a battery of crops
// measured on the misses, and bench_scan --ablation shows what each pass adds. A rectified code
// that still does not read has its modules sampled along its own timing and alignment patterns
// and redrawn clean (ModuleGrid.h): what reads dense codes on bent paper. Its readings say how
// sure each module is, so the codewords are corrected with the doubtful ones erased (QrSymbol.h),
// which reads codes under glare and, with the blur unmixed, defocused ones. The fifth round found
// the finder patterns of small defocused codes again in their deconvolved image, those of faint
// codes on grey cards from the light rings alone (FinderPatterns.h), and tried the whole-frame
// thresholds on the region first, where they cost a sixth. Plain ZXing on a region at its
// usual size was measured and left out: the other passes already read every code it read. Pure: no I/O except
// decodeFile().
#pragma once

#include "devices/decode/DecodeOutcome.h"
#include "kiosk/Result.h"

#include <opencv2/core.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>

namespace devices {

// One bit per DecodePass; lets benchmarks and tests switch passes off.
using DecodePassSet = std::uint32_t;
constexpr DecodePassSet passBit(DecodePass pass) {
    return DecodePassSet{1} << static_cast<unsigned>(pass);
}
inline constexpr DecodePassSet kPipelinePasses =
    passBit(DecodePass::Plain) | passBit(DecodePass::RegionContrast) | passBit(DecodePass::RegionThreshold) |
    passBit(DecodePass::RegionSharpen) | passBit(DecodePass::RegionInverted) |
    passBit(DecodePass::FrameThreshold) | passBit(DecodePass::FrameInverted) |
    passBit(DecodePass::RegionEnlarged) | passBit(DecodePass::RegionFineThreshold) |
    passBit(DecodePass::RegionWideThreshold) | passBit(DecodePass::FrameFaintThreshold) |
    passBit(DecodePass::RegionRectified) | passBit(DecodePass::RegionDeblurred) |
    passBit(DecodePass::RegionDeconvolved) | passBit(DecodePass::RegionUnbent) |
    passBit(DecodePass::RegionRedrawn) | passBit(DecodePass::RegionMeanThreshold) |
    passBit(DecodePass::RegionSmoothedThreshold) | passBit(DecodePass::RegionRinged);

struct DecodeOptions {
    // Retries start only while the attempt has used less CPU time than this; the first pass always
    // runs. CPU time, not wall time, so a busy machine delays results instead of silently reading
    // fewer codes. A pass takes 1-4 ms on a 1280x720 frame: an attempt ends within budget + ~5 ms.
    // The budget is for 1280x720; larger images get more in proportion to their area. 26 ms, not
    // the 22 of the third round of issue 17: after the redrawn pass, the misses left that more
    // time reads are faint codes found by the whole-frame thresholds at 26-28 ms (bench_scan
    // --hard-only, 40 a class, seeds 777, 20240601, 4242, 99: 97.5, 96.5, 98.0, 96.0 % at 22 ms;
    // 97.5, 97.5, 99.5, 96.5 % at 26; the same at 29). Frames with no code then cost a median
    // 26.3 ms and a p95 of 27-28 ms, under the 33 ms of a 30 fps camera frame.
    std::chrono::microseconds budget = std::chrono::milliseconds(26);
    int maxRegions = 3;                      // likely code regions to retry on
    DecodePassSet passes = kPipelinePasses;  // for measurement; production keeps all
    // A focused retry: skip the whole-frame passes and the region finder and spend the budget on
    // this region (frame pixels), at the usual size and then 1.6 times larger. DecodeWorker sets
    // it when two consecutive frames showed a code-like region in the same place.
    std::optional<cv::Rect> focus;
};

// Runs the pipeline on one frame (8-bit gray, BGR or BGRA; any size: frames wider or taller than
// 1280 px get their whole-frame passes on a copy shrunk by a whole factor to fit, while region
// passes crop from the full resolution). An empty image reads nothing.
DecodeOutcome decodeFrame(const cv::Mat& image, const DecodeOptions& options = {});

// The baseline the pipeline is measured against: one ZXing ReadBarcode call with its default
// hints (try harder, rotate, downscale) restricted to QR codes, on the grayscale frame.
DecodeOutcome decodeRawBaseline(const cv::Mat& image);

// Reads an image file and runs decodeFrame() on it. `ms` is the decode time, not the file read.
// PNG transparency is flattened onto white (generated QR images often have a transparent
// background). Errors: "scan.file_missing", "scan.unreadable_image".
kiosk::Result<DecodeOutcome> decodeFile(const std::filesystem::path& path, const DecodeOptions& options = {});

}  // namespace devices
