// The decode pipeline. Every pass hands ZXing an 8-bit gray view and maps the symbol's corners
// back to the caller's frame. Numbers in comments come from bench_scan on the synthetic set.
#include "devices/decode/DecodePipeline.h"

#include "devices/decode/CodeRegions.h"
#include "devices/decode/FinderPatterns.h"
#include "devices/decode/ModuleGrid.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace devices {
namespace {

using Clock = std::chrono::steady_clock;

// CPU time used by the calling thread.
std::chrono::nanoseconds threadCpuTime() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpuMillisecondsSince(std::chrono::nanoseconds start) {
    return std::chrono::duration<double, std::milli>(threadCpuTime() - start).count();
}

// Whole-frame passes run at most at this size: 1280x720 camera frames as they are, phone photos
// downscaled (their codes are large; a code that becomes too small is caught by a region pass,
// which crops from the full-resolution image).
constexpr int kMaxWorkingSide = 1280;
// Region crops are rescaled so their longer side lands in this range: small codes get modules of
// several pixels (ZXing struggles below ~2.5 px per module), huge ones stay cheap.
constexpr int kRegionMinSide = 480;
constexpr int kRegionMaxSide = 960;
constexpr double kMaxUpscale = 4.0;
// The enlarged passes of issue 17 double the region (measured: a dense code tilted 35-55 degrees
// reads at 2x where 1x and 3x do not, and small blurred codes threshold best at 2x), up to this
// side so a large region stays cheap.
constexpr double kEnlargeFactor = 2.0;
constexpr int kEnlargedMaxSide = 1280;
// Local-mean threshold window for whole frames (at most 1280 px): it spans a finder pattern's
// 3x3-module centre for modules up to ~13 px, so the centre is not hollowed out. Unlike ZXing's
// binarizer, OpenCV's has no contrast floor (ZXing gives up on 8x8 blocks with a range under 24
// grey levels), which is what reads faint codes.
constexpr int kThresholdBlock = 41;

// Maps a point of the image a pass looked at back to the caller's frame.
struct ToFrame {
    double scale = 1.0;  // pass pixels per frame pixel
    cv::Point2f offset;  // top-left of the pass image in frame pixels
    // A rectified pass looks at a warped copy of the scaled crop: this maps it back to the crop.
    std::optional<cv::Matx33d> unwarp;
    // An unbent pass looks at a remapped copy of the scaled crop: this gives, for each of its
    // pixels, the crop point it came from (CV_32FC2).
    cv::Mat sourceInCrop;

    cv::Point2f operator()(const ZXing::PointI& p) const {
        cv::Point2d q(p.x, p.y);
        if (!sourceInCrop.empty()) {
            const cv::Vec2f source = sourceInCrop.at<cv::Vec2f>(std::clamp(p.y, 0, sourceInCrop.rows - 1),
                                                                std::clamp(p.x, 0, sourceInCrop.cols - 1));
            q = {source[0], source[1]};
        } else if (unwarp) {
            const cv::Vec3d h = *unwarp * cv::Vec3d(q.x, q.y, 1.0);
            q = {h[0] / h[2], h[1] / h[2]};
        }
        return {offset.x + static_cast<float>(q.x / scale), offset.y + static_cast<float>(q.y / scale)};
    }
};

ZXing::DecodeHints passHints(ZXing::Binarizer binarizer, bool pure = false) {
    // QR is rotation invariant, so tryRotate only costs time; the pipeline does its own rescaling.
    // tryHarder off: on the synthetic set it read the same frames with a 30% lower p95.
    return ZXing::DecodeHints()
        .setFormats(ZXing::BarcodeFormat::QRCode)
        .setTryHarder(false)
        .setTryRotate(false)
        .setTryDownscale(false)
        .setIsPure(pure)
        .setBinarizer(binarizer);
}

ZXing::ImageView viewOf(const cv::Mat& gray) {
    return {gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step)};
}

std::optional<DecodedCode> toCode(const ZXing::Result& result, const ToFrame& toFrame, DecodePass pass) {
    if (!result.isValid()) return std::nullopt;
    DecodedCode code;
    code.text = result.text();
    code.format = ZXing::ToString(result.format());
    const auto& position = result.position();
    code.corners = {toFrame(position.topLeft()), toFrame(position.topRight()),
                    toFrame(position.bottomRight()), toFrame(position.bottomLeft())};
    code.pass = pass;
    return code;
}

std::optional<DecodedCode> readQr(const cv::Mat& gray, ZXing::Binarizer binarizer, const ToFrame& toFrame,
                                  DecodePass pass, bool pure = false) {
    return toCode(ZXing::ReadBarcode(viewOf(gray), passHints(binarizer, pure)), toFrame, pass);
}

cv::Mat toGray(const cv::Mat& image) {
    if (image.depth() != CV_8U) throw std::invalid_argument("decode: frames must be 8-bit");
    switch (image.channels()) {
        case 1: return image;
        case 3: {
            cv::Mat gray;
            cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
            return gray;
        }
        case 4: {
            cv::Mat gray;
            cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
            return gray;
        }
        default: throw std::invalid_argument("decode: frames must have 1, 3 or 4 channels");
    }
}

cv::Mat inverted(const cv::Mat& gray) {
    cv::Mat out;
    cv::bitwise_not(gray, out);
    return out;
}

cv::Mat meanThreshold(const cv::Mat& gray) {
    cv::Mat out;
    // C = 2 grey levels: flat areas (equal to their mean) turn light rather than into noise.
    cv::adaptiveThreshold(gray, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, kThresholdBlock, 2);
    return out;
}

// Faint codes the region finder did not see (their edges are weaker than the clutter's): the whole
// frame smoothed against sensor noise, then a 15 px window, a few modules of a 3-5 px code.
// Measured on the faint misses: 5 of 5 the region finder missed read here, 1 with the 41 px window.
cv::Mat faintThreshold(const cv::Mat& gray) {
    cv::Mat smooth, out;
    cv::GaussianBlur(gray, smooth, cv::Size(), 1.2);
    cv::adaptiveThreshold(smooth, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, 15, 1);
    return out;
}

cv::Mat equalised(const cv::Mat& gray) {
    thread_local cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE(2.0, cv::Size(4, 4));
    cv::Mat out;
    clahe->apply(gray, out);
    return out;
}

cv::Mat sharpened(const cv::Mat& gray) {
    // The median removes sensor noise first, so the unsharp mask restores module edges softened by
    // defocus or motion instead of amplifying noise (sharpening alone costs half the noisy frames).
    cv::Mat denoised, blurred, out;
    cv::medianBlur(gray, denoised, 3);
    cv::GaussianBlur(denoised, blurred, cv::Size(), 3.0);
    cv::addWeighted(denoised, 3.0, blurred, -2.0, 0.0, out);
    return out;
}

// One decode attempt: owns the timing and the pass switches.
class Attempt {
public:
    explicit Attempt(const DecodeOptions& options)
        : options_(options), budget_(options.budget), start_(Clock::now()), cpuStart_(threadCpuTime()) {}

    // The budget is per 1280x720 frame; bigger images (photos given to `scan`) get more in
    // proportion to their area, since converting and cropping them costs more.
    void scaleBudgetFor(cv::Size size) {
        const double area = static_cast<double>(size.width) * size.height;
        const double factor = std::max(1.0, area / (1280.0 * 720.0));
        budget_ = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.budget * factor);
    }

    // True when `pass` is switched on and time is left.
    bool mayRun(DecodePass pass) const { return (options_.passes & passBit(pass)) != 0 && timeLeft(); }
    // The first pass always gets to run; retries only while the budget lasts.
    bool timeLeft() const { return passesRun_ == 0 || threadCpuTime() - cpuStart_ < budget_; }
    std::optional<DecodedCode> run(DecodePass pass, const cv::Mat& gray, ZXing::Binarizer binarizer,
                                   const ToFrame& toFrame, bool pure = false) {
        ++passesRun_;
        return readQr(gray, binarizer, toFrame, pass, pure);
    }
    DecodeOutcome finish(std::optional<DecodedCode> code) const {
        DecodeOutcome outcome;
        if (!code) outcome.candidate = candidate;
        outcome.code = std::move(code);
        outcome.passesRun = passesRun_;
        outcome.ms = millisecondsSince(start_);
        outcome.cpuMs = cpuMillisecondsSince(cpuStart_);
        return outcome;
    }

    std::optional<cv::Rect> candidate;  // the most code-like region tried, in frame pixels

private:
    const DecodeOptions& options_;
    std::chrono::nanoseconds budget_;
    Clock::time_point start_;
    std::chrono::nanoseconds cpuStart_;
    int passesRun_ = 0;
};

// Cheapest and most often right first; an attempt stops at the first read. bench_scan --ablation
// shows what each adds. The whole-frame thresholds on the region come right after the wide one:
// faint codes the region finder had found were read by the whole-frame fallbacks at 20-32 ms,
// after every region pass, on the edge of the budget; on the region they read them at ~0.5 ms
// (bench_scan --hard-only, 40 a class, six seeds: 2 of 20 misses fewer, none more).
constexpr DecodePass kRegionPasses[] = {DecodePass::RegionContrast,      DecodePass::RegionWideThreshold,
                                        DecodePass::RegionMeanThreshold, DecodePass::RegionSmoothedThreshold,
                                        DecodePass::RegionInverted,      DecodePass::RegionThreshold,
                                        DecodePass::RegionDeblurred,     DecodePass::RegionDeconvolved,
                                        DecodePass::RegionRectified,     DecodePass::RegionUnbent,
                                        DecodePass::RegionFineThreshold, DecodePass::RegionEnlarged,
                                        DecodePass::RegionSharpen};
// Regions of kLargeRegionSide frame px or more try the rectified pass second. Their codes are the
// dense tilted and bent ones the rectified pass reads; the passes for small blurred and faint codes
// before it spent the budget there, so that those misses were read rectified after 7-8 passes at
// 26-35 ms. Measured with bench_scan, 40 frames a class, 22 ms, load ~4, side by side with the
// order above: seed 20240601 hard set 93.5 -> 95.0 % (dense_tilted 95 -> 100, curved_paper 95 ->
// 97.5), seed 777 92.0 -> 93.5 % (curved_paper 82.5 -> 87.5), no false reads. The camera set of
// seed 20240601 read one frame less of 440 (twice: inverted and small_code -1, motion_blur +1): a
// large inverted code now pays the outline and a rectified call before the inverted pass (its
// median 10.6 -> 17 ms); deferring the early call where no finders show cost dense tilted codes
// more. small_turned_blur (regions of 290-370 px) pays ~3-4 ms at the median for the outline, its
// p95 reaching 28-30 ms under load. From 400 px it keeps p50 13-14.5 and p95 23-26 ms, and two runs
// each read the same on average (94.5 / 94.5 % and 93.0 / 92.0 % against 95.0 / 94.5 % and 91.0 /
// 93.5 %), but bent codes in regions of 300-400 px, like curved_paper_11 of the blackbox set, go
// back to being read after nine passes.
constexpr int kLargeRegionSide = 300;
constexpr DecodePass kLargeRegionPasses[] = {
    DecodePass::RegionContrast,      DecodePass::RegionRectified,         DecodePass::RegionWideThreshold,
    DecodePass::RegionMeanThreshold, DecodePass::RegionSmoothedThreshold, DecodePass::RegionInverted,
    DecodePass::RegionThreshold,     DecodePass::RegionDeblurred,         DecodePass::RegionDeconvolved,
    DecodePass::RegionUnbent,        DecodePass::RegionFineThreshold,     DecodePass::RegionEnlarged,
    DecodePass::RegionSharpen};

// A region whose edges are soft for its contrast holds a blurred or a faint code: those are read by
// the thresholds, the unsharp mask and the deconvolution, which this order tries before the passes
// for sharp codes (inverted, rectified first). Measured on the code's region, the 90th percentile of
// the gradient over the 5-95 % grey range (kSoftEdges) is below 1.6 for 95 % of small_turned_blur
// and 90 % of faint_small regions, and above it for 95 % of dense_tilted, curved_paper and glare
// ones (seeds 777, 20240601, 99). A glare spot stretches the grey range and so passes for soft:
// a region with more than 1 % of its pixels at kGlareSaturated or above keeps the sharp order
// (first regions not read by the plain pass, seeds 777, 20240601, 99: small_turned_blur 100 of 103
// soft, faint_small 84 of 116, glare 2 of 19 -> 0, curved_paper 0 of 25, dense_tilted 0 of 4).
// The region threshold (~0.5 ms) goes before the unsharp mask and deconvolution (~4 and 5-12 ms):
// behind them, faint codes it reads landed at 25-29 ms (bench_scan --hard-only, six seeds: 13
// misses -> 11, twice). The ringed pass comes second (~3 ms for the finders, then the redraw): no
// threshold finds the finders of a faint code in noise, their ring averages do (redrawn along
// them, 180 of 200 faint_small frames of seeds 3, 11, 123, 2025 and 99; along finderPatternQuad's,
// 56). Measured with bench_scan --hard-only, 40 a class, on six seeds never tuned on (1, 2, 3, 11,
// 123, 2025): 15 misses of 1200 -> 8 (faint_small 5 -> 0, small_turned_blur 2 -> 0); on the six
// tuned on, 11 -> 10. Placed sixth, before the unsharp mask, it missed the same frames but with a
// higher hard p95 on 8 of the 12 seeds.
constexpr double kSoftEdges = 1.6;
constexpr int kGlareSaturated = 250;
constexpr DecodePass kSoftRegionPasses[] = {DecodePass::RegionContrast,
                                            DecodePass::RegionRinged,
                                            DecodePass::RegionWideThreshold,
                                            DecodePass::RegionMeanThreshold,
                                            DecodePass::RegionSmoothedThreshold,
                                            DecodePass::RegionThreshold,
                                            DecodePass::RegionDeblurred,
                                            DecodePass::RegionDeconvolved,
                                            DecodePass::RegionInverted,
                                            DecodePass::RegionRectified,
                                            DecodePass::RegionUnbent,
                                            DecodePass::RegionFineThreshold,
                                            DecodePass::RegionEnlarged,
                                            DecodePass::RegionSharpen};

// Whether `region` (frame pixels) has soft edges for its contrast (see kSoftEdges); every second
// pixel of every second row for the grey range, ~0.5 ms in all for a 400 px region.
bool softEdges(const cv::Mat& region) {
    std::array<int, 256> histogram{};
    int total = 0;
    for (int y = 0; y < region.rows; y += 2) {
        const auto* row = region.ptr<std::uint8_t>(y);
        for (int x = 0; x < region.cols; x += 2, ++total)
            ++histogram[row[x]];
    }
    const auto percentile = [&](int from, int step) {
        int seen = 0, value = from;
        for (; value >= 0 && value <= 255; value += step)
            if ((seen += histogram[static_cast<std::size_t>(value)]) >= total / 20) break;
        return std::clamp(value, 0, 255);
    };
    int saturated = 0;
    for (int value = kGlareSaturated; value <= 255; ++value)
        saturated += histogram[static_cast<std::size_t>(value)];
    if (saturated > total / 100) return false;
    const int range = std::max(1, percentile(255, -1) - percentile(0, 1));
    cv::Mat gx, gy, magnitude;
    cv::Sobel(region, gx, CV_32F, 1, 0);
    cv::Sobel(region, gy, CV_32F, 0, 1);
    cv::magnitude(gx, gy, magnitude);
    std::vector<float> values(magnitude.begin<float>(), magnitude.end<float>());
    const auto ninetieth = values.begin() + static_cast<std::ptrdiff_t>(values.size() * 9 / 10);
    std::nth_element(values.begin(), ninetieth, values.end());
    return *ninetieth / range < kSoftEdges;
}

// 8-bit gray or BGR from whatever imread(IMREAD_UNCHANGED) gave. Transparency is flattened onto
// white paper: generated QR images often store transparent pixels as black.
cv::Mat flattenForScan(cv::Mat image) {
    if (image.depth() == CV_16U) {
        image.convertTo(image, CV_8U, 1.0 / 257.0);
    } else if (image.depth() != CV_8U) {
        cv::normalize(image, image, 0, 255, cv::NORM_MINMAX, CV_8U);
    }
    if (image.channels() != 2 && image.channels() != 4) return image;
    std::vector<cv::Mat> planes;
    cv::split(image, planes);
    cv::Mat gray = planes[0];
    if (image.channels() == 4) cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
    cv::Mat alpha, flat;
    planes.back().convertTo(alpha, CV_32F, 1.0 / 255.0);
    gray.convertTo(flat, CV_32F);
    flat = flat.mul(alpha) + (1.0 - alpha) * 255.0;
    flat.convertTo(image, CV_8U);
    return image;
}

// A small blurred code at 1.5x, smoothed over half a frame pixel and binarised against its mean
// over ~10 frame pixels (two or three modules), so a blurred module is compared with its
// neighbours rather than the whole code; an offset of 3 grey levels turns the flat background
// round the code white instead of into specks that ZXing takes for finder patterns. Measured on
// the hard set's misses: with an offset of 1 none of the codes read that tight crops round the
// same codes read; this setting read 27 frames, the 8 px window at 800 px before it 29 with 4
// fewer frames in all.
cv::Mat regionThreshold(const cv::Mat& crop, double scale) {
    cv::Mat smooth, out;
    cv::GaussianBlur(crop, smooth, cv::Size(), 0.5 * scale);
    const int block = std::max(3, static_cast<int>(10.0 * scale)) | 1;
    cv::adaptiveThreshold(smooth, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 3);
    return out;
}

// A small blurred code at 2x: smoothed over half a frame pixel (the JPEG and sensor noise would
// otherwise break the thin window into specks), then binarised over ~4 frame pixels, about one
// module: a blur of half a module leaves each module only a little darker than its neighbours.
// Measured on the misses of small_turned_blur: 4 of 9 read at 4 px, none at 8 px.
cv::Mat fineThreshold(const cv::Mat& crop, double scale) {
    cv::Mat smooth, out;
    cv::GaussianBlur(crop, smooth, cv::Size(), 0.5 * scale);
    const int block = std::max(3, static_cast<int>(4.0 * scale)) | 1;
    cv::adaptiveThreshold(smooth, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 1);
    return out;
}

// A faint code (15-30 grey levels) in noise: a window of ~16 frame pixels (3-5 modules) averages
// the noise out of the mean it compares with; 8 px follows the noise (measured on faint_small).
// A window growing with the region read 9 more low-contrast camera frames but lost 6 blurred and 3
// hard ones within the budget, so it stays fixed.
cv::Mat wideThreshold(const cv::Mat& crop, double scale) {
    const int block = std::max(3, static_cast<int>(16.0 * scale)) | 1;
    cv::Mat out;
    cv::adaptiveThreshold(crop, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 1);
    return out;
}

// A code defocused by about half a module: a strong unsharp mask over ~4 frame pixels (a module or
// so) pushes each module back from the grey its neighbours blurred it into, and a local threshold
// over ~8 px then decides it. Measured in the pipeline (40 frames a class, 22 ms budget):
// small_turned_blur 80 -> 87.5 % on seed 20240601 and on held-out seed 777; the milder
// RegionSharpen reads almost none of these.
cv::Mat deblurred(const cv::Mat& crop, double scale) {
    cv::Mat blurred, sharp, out;
    cv::GaussianBlur(crop, blurred, cv::Size(), 4.0 * scale);
    cv::addWeighted(crop, 4.0, blurred, -3.0, 0.0, sharp);
    const int block = std::max(3, static_cast<int>(8.0 * scale)) | 1;
    cv::adaptiveThreshold(sharp, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 1);
    return out;
}

// Defocus the unsharp mask of deblurred() cannot undo: a small code turned 20-35 degrees and
// defocused by 0.5-0.65 of a 3-5 px module is grey mush to any threshold. A Wiener filter for a
// Gaussian blur of kDefocusSigma frame pixels divides the blur out of the spectrum where the
// signal is above the noise (kNoiseToSignal keeps it from amplifying JPEG and sensor noise), and
// the result is enlarged kDeconvolvedEnlarge times so ZXing samples modules of 9-15 px. Measured
// on the misses of seeds 20240601 and 777 with the code's true outline: sigma 2.0 with 1/200 and 3x
// read 9 of the 10 small_turned_blur frames no pass read; sigma 1.5 or 2.5, 1/50 or 1/20, and 1x
// or 2x each read fewer.
constexpr double kDefocusSigma = 2.0;
constexpr double kNoiseToSignal = 0.005;
constexpr double kDeconvolvedEnlarge = 3.0;
// The finder search after the deconvolved pass misses (redrawnAlongRestoredFinders) opens the
// finders of a code defocused further with a stronger restoration. Measured with the code's region
// on the small_turned_blur and faint_small frames of seeds 99, 777 and 20240601 (240): sigma 2
// alone found finders that redrew 183, 2.5 alone 193, each some the other missed.
constexpr double kFinderDefocusSigma = 2.5;
constexpr int kDeconvolvedMaxSide = 1000;
// The regions round the small codes of issue 17 (180-220 px) are 290-370 frame px across.
constexpr int kDeconvolvedMaxRegionSide = 480;

cv::Mat deconvolved(const cv::Mat& crop, double sigma) {
    cv::Mat padded;
    const int width = cv::getOptimalDFTSize(crop.cols), height = cv::getOptimalDFTSize(crop.rows);
    // Reflected padding: a frame edge left dark or light would ring across the code.
    cv::copyMakeBorder(crop, padded, 0, height - crop.rows, 0, width - crop.cols, cv::BORDER_REFLECT);
    padded.convertTo(padded, CV_32F);
    cv::Mat spectrum;
    cv::dft(padded, spectrum, cv::DFT_COMPLEX_OUTPUT);
    // A Gaussian's transfer function is separable: exp(-2 pi^2 sigma^2 f^2) per axis.
    const auto transfer = [sigma](int size) {
        std::vector<double> out(static_cast<std::size_t>(size));
        for (int i = 0; i < size; ++i) {
            const double f = (i <= size / 2 ? i : i - size) / static_cast<double>(size);
            out[static_cast<std::size_t>(i)] = std::exp(-2.0 * CV_PI * CV_PI * sigma * sigma * f * f);
        }
        return out;
    };
    const std::vector<double> alongX = transfer(width), alongY = transfer(height);
    for (int y = 0; y < height; ++y) {
        auto* row = spectrum.ptr<cv::Vec2f>(y);
        for (int x = 0; x < width; ++x) {
            const double h = alongX[static_cast<std::size_t>(x)] * alongY[static_cast<std::size_t>(y)];
            row[x] *= static_cast<float>(h / (h * h + kNoiseToSignal));
        }
    }
    cv::Mat restored;
    cv::dft(spectrum, restored, cv::DFT_INVERSE | cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    // Back to 8 bits round the mean, +-2 standard deviations: the overshoot deconvolution leaves at
    // module edges clips instead of squeezing the modules' own contrast.
    cv::Scalar mean, deviation;
    cv::meanStdDev(restored(cv::Rect(0, 0, crop.cols, crop.rows)), mean, deviation);
    const double gain = 60.0 / std::max(1.0, deviation[0]);
    cv::Mat out;
    restored(cv::Rect(0, 0, crop.cols, crop.rows)).convertTo(out, CV_8U, gain, 128.0 - gain * mean[0]);
    return out;
}

cv::Mat prepareRegion(DecodePass pass, const cv::Mat& crop, double scale) {
    switch (pass) {
        case DecodePass::RegionContrast: return equalised(crop);
        case DecodePass::RegionThreshold: return regionThreshold(crop, scale);
        case DecodePass::RegionSharpen: return sharpened(crop);
        case DecodePass::RegionInverted: return inverted(crop);
        case DecodePass::RegionEnlarged: return crop;
        case DecodePass::RegionFineThreshold: return fineThreshold(crop, scale);
        case DecodePass::RegionWideThreshold: return wideThreshold(crop, scale);
        case DecodePass::RegionDeblurred: return deblurred(crop, scale);
        case DecodePass::RegionMeanThreshold: return meanThreshold(crop);
        case DecodePass::RegionSmoothedThreshold: return faintThreshold(crop);
        default: throw std::logic_error("prepareRegion: not a region pass");
    }
}

// The code's outline in a crop: its dark modules, locally thresholded and closed into one blob
// (the one under the crop's centre, where the region finder put the code), reduced to the four
// corners of its convex hull. Empty when the blob is not a plausible quadrilateral.
std::vector<cv::Point2f> codeQuad(const cv::Mat& crop, double scale,
                                  std::vector<cv::Point>* outline = nullptr) {
    cv::Mat dark;
    const int block = (std::max(crop.cols, crop.rows) / 8) | 1;
    cv::adaptiveThreshold(crop, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 8);
    // ~9 frame pixels closes the gaps between dark modules of up to ~6 px without joining the code
    // to clutter a quiet zone away; the opening then drops specks and thin lines.
    const int close = std::max(5, static_cast<int>(9.0 * scale));
    cv::morphologyEx(dark, dark, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {close, close}));
    cv::morphologyEx(dark, dark, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, {close / 2 + 1, close / 2 + 1}));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(dark, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const cv::Point2f centre(crop.cols / 2.0f, crop.rows / 2.0f);
    const std::vector<cv::Point>* blob = nullptr;
    double largest = 0.05 * static_cast<double>(crop.total());  // smaller is not the code
    for (const auto& contour : contours) {
        const double area = cv::contourArea(contour);
        if (area > largest && cv::pointPolygonTest(contour, centre, false) >= 0) {
            largest = area;
            blob = &contour;
        }
    }
    if (!blob) return {};
    std::vector<cv::Point> hull, corners;
    cv::convexHull(*blob, hull);
    const double perimeter = cv::arcLength(hull, true);
    for (double epsilon = 0.01; epsilon < 0.2 && corners.size() != 4; epsilon += 0.01) {
        cv::approxPolyDP(hull, corners, epsilon * perimeter, true);
        if (corners.size() < 4) return {};
    }
    if (corners.size() != 4) return {};
    if (outline) *outline = *blob;
    return {corners.begin(), corners.end()};
}

// Where a code's outline puts it: the homography that takes its quadrilateral onto an upright
// square of `size` px with an `inset` px quiet zone, and its blob outline (crop pixels; empty for
// an outline from the finder patterns).
struct FlatCode {
    cv::Matx33d cropToSquare;
    float size = 0;
    float inset = 0;
    std::vector<cv::Point> outline;   // crop pixels
    double squarePerCropPixel = 1.0;  // along the code's longest edge
    // Shorter over longer length of the quadrilateral's opposite edges, the smaller of the two
    // pairs: 1 for a code seen face on, lower the more it is tilted away from the camera.
    double foreshortening = 1.0;
    std::array<cv::Point2f, 4> corners;  // the quadrilateral, crop pixels, round the centre
};

std::optional<FlatCode> flattenQuad(std::vector<cv::Point2f> quad, std::vector<cv::Point> outline) {
    if (quad.size() != 4) return std::nullopt;
    FlatCode flat;
    flat.outline = std::move(outline);
    cv::Point2f mean(0, 0);
    for (const auto& corner : quad)
        mean += corner * 0.25f;
    // Round the centre from any corner: QR reads in every orientation, so which comes first does
    // not matter.
    std::sort(quad.begin(), quad.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
        return std::atan2(a.y - mean.y, a.x - mean.x) < std::atan2(b.y - mean.y, b.x - mean.x);
    });
    std::array<double, 4> edges{};
    for (std::size_t i = 0; i < 4; ++i)
        edges[i] = cv::norm(quad[i] - quad[(i + 1) % 4]);
    const double side = *std::max_element(edges.begin(), edges.end());
    for (std::size_t i = 0; i < 2; ++i)
        flat.foreshortening = std::min(
            flat.foreshortening, std::min(edges[i], edges[i + 2]) / std::max({edges[i], edges[i + 2], 1.0}));
    // The longest edge sets the size: the compressed far side is stretched, the near one kept.
    flat.size = static_cast<float>(std::clamp(side * 1.3, 300.0, 1000.0));
    flat.squarePerCropPixel = flat.size * 0.84 / side;
    flat.inset = flat.size * 0.08f;
    const float near = flat.inset, far = flat.size - flat.inset;
    const std::array<cv::Point2f, 4> square = {cv::Point2f(near, near), cv::Point2f(far, near),
                                               cv::Point2f(far, far), cv::Point2f(near, far)};
    flat.cropToSquare = cv::Matx33d(cv::getPerspectiveTransform(quad.data(), square.data()));
    std::copy(quad.begin(), quad.end(), flat.corners.begin());
    return flat;
}

// A code's outline two ways: round its dark modules (codeQuad), which also gives the blob the
// unbent pass follows, and from its finder patterns (finderPatternQuad), which is exact for a flat
// code but guesses the fourth corner from two edge directions, so a bend throws it off.
struct CodeOutlines {
    std::optional<FlatCode> blob;
    std::optional<FlatCode> finders;
    // The finder outline where it differs from the blob's by more than the warp tolerates; empty
    // when the blob's serves as well.
    const FlatCode* distinctFinders() const {
        if (!finders) return nullptr;
        if (!blob) return &*finders;
        double farthest = 0;
        for (const auto& corner : finders->corners) {
            double nearest = 1e9;
            for (const auto& other : blob->corners)
                nearest = std::min(nearest, cv::norm(corner - other));
            farthest = std::max(farthest, nearest);
        }
        // A module of the densest code in the square's side (21-57 modules): 1.5 % of it.
        return farthest * blob->squarePerCropPixel > 0.015 * blob->size ? &*finders : nullptr;
    }
};

CodeOutlines outlinesOf(const cv::Mat& crop, double scale) {
    CodeOutlines outlines;
    std::vector<cv::Point> outline;
    std::vector<cv::Point2f> quad = codeQuad(crop, scale, &outline);
    outlines.blob = flattenQuad(std::move(quad), std::move(outline));
    if (const auto corners = finderPatternQuad(crop))
        outlines.finders = flattenQuad({corners->begin(), corners->end()}, {});
    return outlines;
}

// A code seen at a steep angle or on bent paper, warped flat: the quadrilateral of codeQuad() onto
// an upright square with a quiet zone. ZXing's own sampler fails there because the far finder
// pattern's modules are a third of the near one's (measured: read 4 of 4 dense tilted and 2 of 3
// curved misses that no crop, scale or binarisation read). Sets `unwarp` to map points back.
cv::Mat rectified(const cv::Mat& crop, const FlatCode& flat, std::optional<cv::Matx33d>& unwarp) {
    const int size = static_cast<int>(flat.size);
    cv::Mat out;
    cv::warpPerspective(crop, out, cv::Mat(flat.cropToSquare), cv::Size(size, size), cv::INTER_LINEAR,
                        cv::BORDER_REPLICATE);
    unwarp = flat.cropToSquare.inv();
    return out;
}

// Least-squares a + b t + c t^2 through (t, value) pairs; empty with too few points to trust.
std::optional<cv::Vec3d> quadraticFit(const std::vector<cv::Point2d>& points) {
    if (points.size() < 12) return std::nullopt;
    cv::Mat design(static_cast<int>(points.size()), 3, CV_64F),
        values(static_cast<int>(points.size()), 1, CV_64F);
    for (int i = 0; i < design.rows; ++i) {
        const double t = points[static_cast<std::size_t>(i)].x;
        design.at<double>(i, 0) = 1.0;
        design.at<double>(i, 1) = t;
        design.at<double>(i, 2) = t * t;
        values.at<double>(i) = points[static_cast<std::size_t>(i)].y;
    }
    cv::Mat coefficients;
    if (!cv::solve(design, values, coefficients, cv::DECOMP_SVD)) return std::nullopt;
    return cv::Vec3d(coefficients.at<double>(0), coefficients.at<double>(1), coefficients.at<double>(2));
}

double evaluate(const cv::Vec3d& curve, double t) {
    return curve[0] + t * (curve[1] + t * curve[2]);
}

// A code on paper bent round a cylinder, unbent: after the flattening homography its outline still
// bows (the middle of the bend is nearer the camera, so taller, than its edges), and ZXing's grid,
// fitted to the finder and one alignment pattern, drifts off the modules in between. The blob's
// four edges are fitted with parabolas in the flattened square and the code is resampled so that
// they become straight (a Coons patch between them): a piecewise warp that follows the bend
// wherever the axis lies. Sets `sourceInCrop` to map points back.
constexpr double kCameraFocalPixels = 900.0;
constexpr int kUnbentMinRegionSide = 240;  // frame px
constexpr double kMaxBendArc = 0.8;        // radians: ~45 degrees each side of the middle

cv::Mat unbent(const cv::Mat& crop, double scale, const FlatCode& flat, cv::Mat& sourceInCrop) {
    const int size = static_cast<int>(flat.size);
    cv::Mat blob = cv::Mat::zeros(crop.size(), CV_8U);
    cv::drawContours(blob, std::vector<std::vector<cv::Point>>{flat.outline}, 0, cv::Scalar(255), cv::FILLED);
    cv::warpPerspective(blob, blob, cv::Mat(flat.cropToSquare), cv::Size(size, size), cv::INTER_NEAREST);
    // Each edge of the blob, sampled along the code's side between its corners.
    const int first = static_cast<int>(flat.inset), last = size - 1 - static_cast<int>(flat.inset);
    std::vector<cv::Point2d> top, bottom, left, right;
    for (int i = first; i <= last; ++i) {
        const cv::Mat column = blob.col(i), row = blob.row(i);
        std::vector<cv::Point> on;
        cv::findNonZero(column, on);
        if (on.size() > static_cast<std::size_t>(size / 2)) {
            top.emplace_back(i, on.front().y);
            bottom.emplace_back(i, on.back().y);
        }
        cv::findNonZero(row, on);
        if (on.size() > static_cast<std::size_t>(size / 2)) {
            left.emplace_back(i, on.front().x);
            right.emplace_back(i, on.back().x);
        }
    }
    const auto topEdge = quadraticFit(top), bottomEdge = quadraticFit(bottom);
    const auto leftEdge = quadraticFit(left), rightEdge = quadraticFit(right);
    if (!topEdge || !bottomEdge || !leftEdge || !rightEdge) return {};
    const cv::Matx33d squareToCrop = flat.cropToSquare.inv();
    const double span = last - first;
    // Straight edges are not enough: across the bend the paper turns away, so its modules crowd
    // towards the edges, as sin(arc) does. The arc follows from how much the middle bulges: a
    // cylinder of radius r wrapped over half a code's width w, seen from a camera at focal length f,
    // is nearer in the middle by r (1 - cos arc), so bulge = w tan(arc / 2) / f. Here f is that of
    // a 1280x720 webcam with a ~70 degree field of view, in square pixels.
    const double focal = kCameraFocalPixels * scale * flat.squarePerCropPixel, halfWidth = span / 2.0;
    const auto arcOf = [&](const cv::Vec3d& near, const cv::Vec3d& far) {
        const double middle = evaluate(far, first + halfWidth) - evaluate(near, first + halfWidth);
        const double ends =
            (evaluate(far, first) - evaluate(near, first) + evaluate(far, last) - evaluate(near, last)) / 2.0;
        const double bulge = ends > 0 ? middle / ends - 1.0 : 0.0;
        return std::clamp(2.0 * std::atan(bulge * focal / halfWidth), 0.0, kMaxBendArc);
    };
    const double arcAlong = arcOf(*topEdge, *bottomEdge), arcAcross = arcOf(*leftEdge, *rightEdge);
    // Paper position (0..1 along a side) to where it shows in the square.
    const auto crowded = [](double position, double arc) {
        if (arc < 0.05) return position;
        return 0.5 + 0.5 * std::sin((2.0 * position - 1.0) * arc) / std::sin(arc);
    };
    // The map is smooth: computed every kMapStep px and interpolated (a full-size map of a 1000 px
    // square cost ~10 ms).
    constexpr int kMapStep = 8;
    const int coarseSide = size / kMapStep + 2;
    cv::Mat coarse(coarseSide, coarseSide, CV_32FC2);
    for (int j = 0; j < coarseSide; ++j) {
        auto* row = coarse.ptr<cv::Vec2f>(j);
        const double across = crowded((j * kMapStep - first) / span, arcAcross);
        const double x0 = evaluate(*leftEdge, first + across * span),
                     x1 = evaluate(*rightEdge, first + across * span);
        for (int i = 0; i < coarseSide; ++i) {
            const double along = crowded((i * kMapStep - first) / span, arcAlong);
            const double y0 = evaluate(*topEdge, first + along * span),
                         y1 = evaluate(*bottomEdge, first + along * span);
            const double x = x0 + along * (x1 - x0), y = y0 + across * (y1 - y0);
            const cv::Vec3d h = squareToCrop * cv::Vec3d(x, y, 1.0);
            row[i] = cv::Vec2f(static_cast<float>(h[0] / h[2]), static_cast<float>(h[1] / h[2]));
        }
    }
    // Coarse sample k sits at k * kMapStep: scale the grid so those points line up, then crop.
    cv::resize(coarse, sourceInCrop,
               cv::Size((coarseSide - 1) * kMapStep + 1, (coarseSide - 1) * kMapStep + 1), 0, 0,
               cv::INTER_LINEAR);
    sourceInCrop = sourceInCrop(cv::Rect(0, 0, size, size)).clone();
    cv::Mat out;
    cv::remap(crop, out, sourceInCrop, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

// A large region whose outline is this foreshortened is tried rectified first: ZXing's sampler
// rarely reads a code tilted that far, and the passes before the rectified one used to spend the
// budget on it. Measured on the regions of 300 px or more that the plain pass left (seed 20240601,
// 200 ms budget): 5 of the 6 dense_tilted outlines came out at 0.62-0.75; those of the other
// classes mostly at 0.85-1, about a quarter lower (blur and clutter round the outline), which
// then costs one early rectified call and read nothing less.
constexpr double kTiltedForeshortening = 0.85;
// Regions this large (frame px) get their outline before any pass: the outline (~1 ms) is kept
// for the rectified and unbent passes, so it is found once per region. Not smaller ones: from 300
// px the same codes were read, but the regions of 300-480 px are mostly small blurred or faint
// codes whose outline, bent by blur and clutter, often passes for foreshortened, and the early
// rectified call cost them (bench_scan, seeds 20240601, 777, 4242, 99: small_turned_blur p50
// 12.5-17.3 -> 11.8-13.0 ms, faint_small 8.5-9.8 -> 7.6-8.4 ms, no frame less read). Every
// dense_tilted outline that read rectified first came from a region of 546 px or more.
constexpr int kOutlineFirstMinRegionSide = 480;

bool isThresholdPass(DecodePass pass) {
    return pass == DecodePass::RegionThreshold || pass == DecodePass::RegionFineThreshold ||
           pass == DecodePass::RegionWideThreshold || pass == DecodePass::RegionDeblurred ||
           pass == DecodePass::RegionMeanThreshold || pass == DecodePass::RegionSmoothedThreshold;
}

// Region pixels per frame pixel for `pass` on a region whose longer side is `side` frame pixels.
double regionScale(DecodePass pass, int side, double enlarge) {
    switch (pass) {
        case DecodePass::RegionEnlarged:
        case DecodePass::RegionFineThreshold:
            return std::min(kEnlargeFactor * enlarge, std::max(1.0, kEnlargedMaxSide * enlarge / side));
        case DecodePass::RegionThreshold:
            return std::min(1.5 * enlarge, std::max(1.0, kEnlargedMaxSide * enlarge / side));
        case DecodePass::RegionDeblurred:
        case DecodePass::RegionDeconvolved:
        case DecodePass::RegionWideThreshold:
        case DecodePass::RegionMeanThreshold:
        case DecodePass::RegionSmoothedThreshold:
            return side > kRegionMaxSide * enlarge ? kRegionMaxSide * enlarge / side : enlarge;
        default: {
            const double minSide = enlarge * kRegionMinSide;
            return side < minSide                    ? std::min(kMaxUpscale, minSide / side)
                   : side > kRegionMaxSide * enlarge ? kRegionMaxSide * enlarge / side
                                                     : 1.0;
        }
    }
}

bool anyRegionPass(DecodePassSet passes) {
    return std::any_of(std::begin(kRegionPasses), std::end(kRegionPasses),
                       [&](DecodePass pass) { return (passes & passBit(pass)) != 0; });
}

// A rectified image of a code that did not read, kept for the redrawn pass.
struct MissedFlat {
    cv::Mat image;
    ToFrame toFrame;  // with `unwarp` set
    float inset = 0;
};

std::optional<DecodedCode> readRedrawn(Attempt& attempt, const MissedFlat& flat,
                                       DecodePass pass = DecodePass::RegionRedrawn) {
    for (const RedrawnCode& redrawn : redrawnCodes(flat.image, flat.inset)) {
        ToFrame redrawnToFrame = flat.toFrame;
        const cv::Matx33d drawnToFlat(
            cv::getPerspectiveTransform(redrawn.imageCorners.data(), redrawn.flatCorners.data()));
        redrawnToFrame.unwarp = *flat.toFrame.unwarp * drawnToFlat;
        if (auto code = attempt.run(pass, redrawn.image, ZXing::Binarizer::BoolCast, redrawnToFrame, true))
            return code;
    }
    return std::nullopt;
}

// The crop rectified along `corners` (crop pixels) and redrawn; nothing without corners.
std::optional<DecodedCode> redrawnAlong(Attempt& attempt, const cv::Mat& crop,
                                        const std::optional<std::array<cv::Point2f, 4>>& corners,
                                        const ToFrame& cropToFrame,
                                        DecodePass pass = DecodePass::RegionRedrawn) {
    if (!corners) return std::nullopt;
    const auto flat = flattenQuad({corners->begin(), corners->end()}, {});
    if (!flat) return std::nullopt;
    MissedFlat missed{{}, cropToFrame, flat->inset};
    missed.image = rectified(crop, *flat, missed.toFrame.unwarp);
    return readRedrawn(attempt, missed, pass);
}

// A small code defocused by half a module or more: its finder patterns' light rings blur shut, so
// neither outline finds it, but they nest again once deconvolution has divided the blur out. The
// crop itself, not the restored image (its ringing fools the module readings), is rectified along
// them and redrawn, the redraw unmixing the blur on its own. `restored` is `crop` deconvolved.
std::optional<DecodedCode> redrawnAlongRestoredFinders(Attempt& attempt, const cv::Mat& crop,
                                                       const cv::Mat& restored, const ToFrame& cropToFrame) {
    if (!attempt.mayRun(DecodePass::RegionRedrawn)) return std::nullopt;
    return redrawnAlong(attempt, crop, finderPatternQuad(restored), cropToFrame);
}

// The region passes on one region of the full-resolution frame. `enlarge` multiplies the size the
// region is scaled up to (the focused retry of DecodeWorker tries 1.6 after 1); `focusedRetry` adds
// the passes that only pay off with the whole budget on one region.
std::optional<DecodedCode> tryRegion(Attempt& attempt, const cv::Mat& gray, const cv::Rect& region,
                                     double enlarge, bool focusedRetry) {
    if (region.width < 8 || region.height < 8) return std::nullopt;
    const int side = std::max(region.width, region.height);
    cv::Mat crop;
    ToFrame cropToFrame;
    CodeOutlines outlines;
    double outlinesScale = 0.0;  // the crop scale outlines were found at; 0 before
    // The crop at the scale `pass` wants, made only when the scale changes.
    const auto cropFor = [&](DecodePass pass) {
        ToFrame regionToFrame;
        regionToFrame.offset = cv::Point2f(static_cast<float>(region.x), static_cast<float>(region.y));
        regionToFrame.scale = regionScale(pass, side, enlarge);
        if (!crop.empty() && regionToFrame.scale == cropToFrame.scale) return;
        cropToFrame = regionToFrame;
        if (regionToFrame.scale == 1.0) {
            crop = gray(region);
        } else {
            // Cubic keeps module edges crisper than linear when enlarging small codes.
            cv::resize(gray(region), crop, cv::Size(), regionToFrame.scale, regionToFrame.scale,
                       regionToFrame.scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA);
        }
    };
    // The outlines are found once per crop scale (~1-2 ms) and serve the rectified and unbent
    // passes.
    const auto outlinesOfCrop = [&]() -> const CodeOutlines& {
        if (outlinesScale != cropToFrame.scale) {
            outlines = outlinesOf(crop, cropToFrame.scale);
            outlinesScale = cropToFrame.scale;
        }
        return outlines;
    };
    // The rectified or unbent pass on one outline of the crop. A rectified image that does not
    // read is kept for the redrawn pass, which runs once every outline has had its rectified try
    // (a plain ZXing call on the next outline is cheaper than sampling the grid).
    std::vector<MissedFlat> missedFlats;
    const auto runFlattened = [&](DecodePass pass, const FlatCode& flat) -> std::optional<DecodedCode> {
        ToFrame warpedToFrame = cropToFrame;
        const cv::Mat image = pass == DecodePass::RegionRectified
                                  ? rectified(crop, flat, warpedToFrame.unwarp)
                                  : unbent(crop, cropToFrame.scale, flat, warpedToFrame.sourceInCrop);
        if (image.empty()) return std::nullopt;
        if (auto code = attempt.run(pass, image, ZXing::Binarizer::LocalAverage, warpedToFrame)) return code;
        if (pass == DecodePass::RegionRectified) missedFlats.push_back({image, warpedToFrame, flat.inset});
        return std::nullopt;
    };
    const auto runRedrawn = [&]() -> std::optional<DecodedCode> {
        for (const MissedFlat& flat : missedFlats) {
            if (!attempt.mayRun(DecodePass::RegionRedrawn)) break;
            if (auto code = readRedrawn(attempt, flat)) return code;
        }
        missedFlats.clear();
        return std::nullopt;
    };
    // A large code tilted well away from the camera: rectified first (see kTiltedForeshortening).
    // Measured with bench_scan, 40 frames a class, 22 ms: dense_tilted 95 -> 100 % (seed
    // 20240601) and 77.5 -> 87.5 % (seed 777), hard set 94.0 -> 95.5 % and 91.0 -> 93.0 %,
    // camera set unchanged, no false reads. The finder patterns' outline decides where there is
    // one: the dark-module outline of a dense tilted code loses a light edge row or takes in dark
    // clutter, so its foreshortening (0.55-0.66 on the misses) and warp are off; the finders'
    // read dense_tilted_38 of seed 20240601 in two passes (13.9 ms) instead of nine (40 ms).
    const FlatCode* rectifiedFirst = nullptr;
    if (side >= kOutlineFirstMinRegionSide && attempt.mayRun(DecodePass::RegionRectified)) {
        cropFor(DecodePass::RegionRectified);
        const auto& found = outlinesOfCrop();
        const auto& flat = found.finders ? found.finders : found.blob;
        if (flat && flat->foreshortening < kTiltedForeshortening) {
            rectifiedFirst = &*flat;
            if (auto code = runFlattened(DecodePass::RegionRectified, *flat)) return code;
        }
    }
    // Small regions only: the small blurred and faint codes are in them, and the test is not free
    // (see softEdges).
    const bool soft = side < kOutlineFirstMinRegionSide && softEdges(gray(region));
    using Order = std::span<const DecodePass>;
    const Order order = soft                       ? Order(kSoftRegionPasses)
                        : side >= kLargeRegionSide ? Order(kLargeRegionPasses)
                                                   : Order(kRegionPasses);
    for (DecodePass pass : order) {
        // Unbending only in the focused retry: in a single frame's budget its ~4 ms is what the
        // fine threshold after it needs for small codes and the whole-frame fallbacks for faint
        // ones. Measured, 40 frames a class, 22 ms: seed 20240601 curved_paper 87.5 -> 92.5 %
        // but held-out seed 777 hard set 95 -> 92.5 % (faint_small and glare lost to the
        // budget). Small codes are never unbent: a few centimetres of paper hardly bend.
        if (pass == DecodePass::RegionUnbent && (!focusedRetry || side < kUnbentMinRegionSide)) continue;
        if (!attempt.mayRun(pass)) continue;
        cropFor(pass);
        if (pass == DecodePass::RegionUnbent) {
            const auto& found = outlinesOfCrop();
            if (!found.blob) continue;
            if (auto code = runFlattened(pass, *found.blob)) return code;
            continue;
        }
        // Rectified along the dark-module outline, then along the finders' where that differs: a
        // code on bent paper breaks the finders' guess at the fourth corner, clutter or a light
        // edge row breaks the other. Measured (40 frames a class, 22 ms, load ~5): curved_paper
        // 90 -> 92.5 % on seed 20240601, nothing lost on it or on 777.
        if (pass == DecodePass::RegionRectified) {
            const auto& found = outlinesOfCrop();
            const FlatCode* finders = found.distinctFinders();
            for (const FlatCode* flat : {found.blob ? &*found.blob : nullptr, finders}) {
                if (!flat || flat == rectifiedFirst || !attempt.mayRun(pass)) continue;
                if (auto code = runFlattened(pass, *flat)) return code;
            }
            if (auto code = runRedrawn()) return code;
            continue;
        }
        if (pass == DecodePass::RegionRinged) {
            cropFor(DecodePass::RegionRectified);
            if (auto code = redrawnAlong(attempt, crop, finderRingsQuad(crop), cropToFrame, pass))
                return code;
            continue;
        }
        if (pass == DecodePass::RegionDeconvolved) {
            // Only for small codes: a large region spends ~5 ms here that the rectified pass after
            // it needs for dense tilted codes (measured: 6 more dense_tilted misses on seed 777),
            // and a large code's modules are too big for a 2 px defocus to matter.
            if (side > kDeconvolvedMaxRegionSide) continue;
            // Deconvolved at frame size (a DFT of the enlarged crop would cost ~9 times more), then
            // enlarged.
            ToFrame enlargedToFrame = cropToFrame;
            const double enlargeBy =
                std::clamp(kDeconvolvedMaxSide * enlarge / std::max(crop.cols, crop.rows), 1.0,
                           kDeconvolvedEnlarge * enlarge);
            enlargedToFrame.scale = cropToFrame.scale * enlargeBy;
            const cv::Mat restored = deconvolved(crop, kDefocusSigma * cropToFrame.scale);
            cv::Mat sharp;
            cv::resize(restored, sharp, cv::Size(), enlargeBy, enlargeBy, cv::INTER_CUBIC);
            if (auto code = attempt.run(pass, sharp, ZXing::Binarizer::LocalAverage, enlargedToFrame))
                return code;
            // Where the crop's own finders were found, the rectified pass redraws along them.
            if (outlinesScale != 0.0 && outlines.finders) continue;
            if (auto code = redrawnAlongRestoredFinders(attempt, crop, restored, cropToFrame)) return code;
            // A soft region's finders may stay shut at kDefocusSigma: a stronger restoration at the
            // rectified pass's scale, which enlarges a small region, opens them.
            if (!soft || !attempt.mayRun(DecodePass::RegionRedrawn)) continue;
            cropFor(DecodePass::RegionRectified);
            const cv::Mat stronger = deconvolved(crop, kFinderDefocusSigma * cropToFrame.scale);
            if (auto code = redrawnAlongRestoredFinders(attempt, crop, stronger, cropToFrame)) return code;
            continue;
        }
        const auto binarizer =
            isThresholdPass(pass) ? ZXing::Binarizer::BoolCast : ZXing::Binarizer::LocalAverage;
        if (auto code =
                attempt.run(pass, prepareRegion(pass, crop, cropToFrame.scale), binarizer, cropToFrame))
            return code;
    }
    return std::nullopt;
}

}  // namespace

std::string_view decodePassName(DecodePass pass) {
    switch (pass) {
        case DecodePass::Plain: return "plain";
        case DecodePass::RegionContrast: return "region-contrast";
        case DecodePass::RegionThreshold: return "region-threshold";
        case DecodePass::RegionSharpen: return "region-sharpen";
        case DecodePass::RegionInverted: return "region-inverted";
        case DecodePass::FrameThreshold: return "frame-threshold";
        case DecodePass::FrameInverted: return "frame-inverted";
        case DecodePass::Raw: return "raw";
        case DecodePass::RegionEnlarged: return "region-enlarged";
        case DecodePass::RegionFineThreshold: return "region-fine-threshold";
        case DecodePass::RegionWideThreshold: return "region-wide-threshold";
        case DecodePass::FrameFaintThreshold: return "frame-faint-threshold";
        case DecodePass::RegionRectified: return "region-rectified";
        case DecodePass::RegionDeblurred: return "region-deblurred";
        case DecodePass::RegionDeconvolved: return "region-deconvolved";
        case DecodePass::RegionUnbent: return "region-unbent";
        case DecodePass::RegionRedrawn: return "region-redrawn";
        case DecodePass::RegionMeanThreshold: return "region-mean-threshold";
        case DecodePass::RegionSmoothedThreshold: return "region-smoothed-threshold";
        case DecodePass::RegionRinged: return "region-ringed";
    }
    return "unknown";
}

DecodeOutcome decodeFrame(const cv::Mat& image, const DecodeOptions& options) {
    Attempt attempt(options);
    if (image.empty()) return attempt.finish(std::nullopt);
    attempt.scaleBudgetFor(image.size());
    const cv::Mat gray = toGray(image);

    cv::Mat working = gray;
    ToFrame workingToFrame;
    const int longest = std::max(gray.cols, gray.rows);
    if (longest > kMaxWorkingSide) {
        // Whole-number factors only: OpenCV's area resampling is ~25x faster for them (0.6 ms
        // instead of 15 ms on a 3200x1800 photo).
        const int factor = (longest + kMaxWorkingSide - 1) / kMaxWorkingSide;
        cv::resize(gray, working, cv::Size(gray.cols / factor, gray.rows / factor), 0, 0, cv::INTER_AREA);
        workingToFrame.scale = static_cast<double>(working.cols) / gray.cols;
    }

    // A focused retry: all the budget on one region, at the usual size and then larger.
    if (options.focus) {
        const cv::Rect region = *options.focus & cv::Rect(0, 0, gray.cols, gray.rows);
        attempt.candidate = region;
        for (const double enlarge : {1.0, 1.6}) {
            if (auto code = tryRegion(attempt, gray, region, enlarge, true))
                return attempt.finish(std::move(code));
        }
        return attempt.finish(std::nullopt);
    }

    // 1. The cheap pass: most frames of a steady, well-lit code end here.
    if (attempt.mayRun(DecodePass::Plain)) {
        if (auto code =
                attempt.run(DecodePass::Plain, working, ZXing::Binarizer::LocalAverage, workingToFrame))
            return attempt.finish(std::move(code));
    }

    // Whole-frame fallbacks for codes the region finder missed or ranked below clutter.
    bool fallbacksRun = false;
    const auto wholeFrameFallbacks = [&]() -> std::optional<DecodedCode> {
        fallbacksRun = true;
        if (attempt.mayRun(DecodePass::FrameThreshold)) {
            if (auto code = attempt.run(DecodePass::FrameThreshold, meanThreshold(working),
                                        ZXing::Binarizer::BoolCast, workingToFrame))
                return code;
        }
        if (attempt.mayRun(DecodePass::FrameFaintThreshold)) {
            if (auto code = attempt.run(DecodePass::FrameFaintThreshold, faintThreshold(working),
                                        ZXing::Binarizer::BoolCast, workingToFrame))
                return code;
        }
        if (attempt.mayRun(DecodePass::FrameInverted)) {
            if (auto code = attempt.run(DecodePass::FrameInverted, inverted(working),
                                        ZXing::Binarizer::LocalAverage, workingToFrame))
                return code;
        }
        return std::nullopt;
    };

    // 2. Retries on likely code regions, cropped from the full-resolution frame. The whole-frame
    // fallbacks come after the most code-like region, before the others: a faint code the finder
    // ranked below clutter is read there more often than in the second or third region, which the
    // budget rarely reached (measured, 40 frames a class: low_contrast 70 -> 80 %, faint_small
    // 92.5 -> 97.5 %, nothing lost elsewhere).
    if (anyRegionPass(options.passes) && attempt.timeLeft()) {
        const cv::Rect frameRect(0, 0, gray.cols, gray.rows);
        for (const cv::Rect& found : findCodeRegions(working, options.maxRegions)) {
            const double back = 1.0 / workingToFrame.scale;
            // Squared up round its centre: the blob of a faint code is often only part of it (the
            // finder sees the modules where they are darkest), and a code seen from any angle up to
            // ~60 degrees fits in the square on its longer side.
            const double side0 = std::max(found.width, found.height) * back;
            const double cx = (found.x + found.width / 2.0) * back,
                         cy = (found.y + found.height / 2.0) * back;
            const cv::Rect region =
                cv::Rect(static_cast<int>(cx - side0 / 2), static_cast<int>(cy - side0 / 2),
                         static_cast<int>(side0), static_cast<int>(side0)) &
                frameRect;
            if (region.width < 8 || region.height < 8) continue;
            if (auto code = tryRegion(attempt, gray, region, 1.0, false))
                return attempt.finish(std::move(code));
            if (!attempt.candidate) {
                attempt.candidate = region;
                if (auto code = wholeFrameFallbacks()) return attempt.finish(std::move(code));
            }
        }
    }

    // 3. The whole-frame fallbacks, if no region was tried.
    if (!fallbacksRun) {
        if (auto code = wholeFrameFallbacks()) return attempt.finish(std::move(code));
    }
    return attempt.finish(std::nullopt);
}

DecodeOutcome decodeRawBaseline(const cv::Mat& image) {
    const auto start = Clock::now();
    const auto cpuStart = threadCpuTime();
    DecodeOutcome outcome;
    if (!image.empty()) {
        const cv::Mat gray = toGray(image);
        const auto hints = ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode);
        outcome.code = toCode(ZXing::ReadBarcode(viewOf(gray), hints), ToFrame{}, DecodePass::Raw);
        outcome.passesRun = 1;
    }
    outcome.ms = millisecondsSince(start);
    outcome.cpuMs = cpuMillisecondsSince(cpuStart);
    return outcome;
}

kiosk::Result<DecodeOutcome> decodeFile(const std::filesystem::path& path, const DecodeOptions& options) {
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        return kiosk::Error{"scan.file_missing",
                            "The file " + path.string() + " does not exist. Check the path."};
    const kiosk::Error unreadable{"scan.unreadable_image",
                                  "The file " + path.string() +
                                      " is not an image that can be read. Use a PNG, "
                                      "JPEG, BMP, TIFF or WebP picture."};
    // A FIFO or a device would block the read or never end; a folder is no picture either.
    if (!std::filesystem::is_regular_file(path, error)) return unreadable;
    cv::Mat image;
    try {
        image = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception&) {
        // OpenCV throws for a header claiming more than 2^30 pixels: refuse this file, and the
        // next files of the same `scan` still get read.
        return kiosk::Error{"scan.unreadable_image",
                            "The file " + path.string() +
                                " claims more than a billion pixels, or is damaged. Use a smaller picture "
                                "of the code."};
    }
    if (image.empty()) return unreadable;
    return decodeFrame(flattenForScan(std::move(image)), options);
}

}  // namespace devices
