// A deterministic, camera-like test set for the QR decode pipeline: realistic synthetic payloads
// (VietQR-like EMVCo, CCCD-like, URLs, Vietnamese text; all data made up) rendered with ZXing's
// writer onto a cluttered 1280x720 scene, then pushed through one distortion class each.
// Generated at test/bench time from a seed; nothing here touches the disk.
#pragma once

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace devices::synth {

// Each frame gets mild camera realism (slight blur, sensor noise, MJPG compression); the class
// then adds one strong distortion. Clean is the control. The classes after Jpeg are the hard set
// of issue 17: what a citizen holding a phone or a printed slip in front of the kiosk makes.
enum class Distortion {
    Clean,
    Perspective,
    Rotation,
    GaussianBlur,
    MotionBlur,
    Noise,
    UnevenLight,
    LowContrast,
    SmallCode,
    Inverted,
    Jpeg,
    SmallTurnedBlur,  // 180-220 px across in the 720p frame, turned 20-35 degrees, defocused
    DenseTilted,      // a dense code (ECC Q/H, long text) tilted 35-55 degrees away from the camera
    FaintSmall,       // 15-30 grey levels between dark and light modules, 3-5 px modules
    Glare,            // a saturated reflection over part of the code (laminated slip, phone screen)
    CurvedPaper,      // printed on paper bent round a cylinder (a receipt held in one hand)
};

// The camera set of the first round (issue 6): one class per common camera problem.
inline constexpr Distortion kAllDistortions[] = {
    Distortion::Clean,      Distortion::Perspective, Distortion::Rotation,    Distortion::GaussianBlur,
    Distortion::MotionBlur, Distortion::Noise,       Distortion::UnevenLight, Distortion::LowContrast,
    Distortion::SmallCode,  Distortion::Inverted,    Distortion::Jpeg,
};

// The hard set: every class here must stay read on >= 99 % of frames (see BlackboxFloorTest).
inline constexpr Distortion kHardDistortions[] = {
    Distortion::SmallTurnedBlur, Distortion::DenseTilted, Distortion::FaintSmall,
    Distortion::Glare,           Distortion::CurvedPaper,
};

std::string_view distortionName(Distortion distortion);

enum class PayloadKind { VietQr, Cccd, Url, Text };

struct SyntheticFrame {
    cv::Mat bgr;  // 1280x720, 8-bit BGR, like a camera frame
    std::string payload;
    PayloadKind payloadKind = PayloadKind::Text;
    Distortion distortion = Distortion::Clean;
    std::string name;  // e.g. "motion_blur_07", unique within a set
    // The symbol's corners (top-left, top-right, bottom-right, bottom-left, quiet zone excluded)
    // in frame pixels, as ZXing reports them for a code the right way round.
    std::array<cv::Point2f, 4> corners;
    // The symbol as drawn, one byte per module (0 dark, 255 light), quiet zone excluded.
    cv::Mat modules;
};

// A made-up payload of the given kind; the same rng state gives the same payload.
std::string makePayload(PayloadKind kind, cv::RNG& rng);

// One frame of the given class. Deterministic for a given rng state.
SyntheticFrame makeFrame(Distortion distortion, cv::RNG& rng);

// A frame of the same kind of scene with no code in it, for false-read and idle-cost checks.
cv::Mat makeEmptyFrame(cv::RNG& rng);

// Whether the code of a frame with no bend could be read by any reader that sees only this frame:
// its modules as drawn, except that those the frame shows saturated white (glare) are unknown,
// corrected as erasures (devices/decode/QrSymbol.h) and decoded by ZXing's pure reader. False when
// what glare wiped out is more than the code's error correction carries even as erasures, so the
// miss measures the frame, not the pipeline. Not for CurvedPaper.
bool readableDespiteSaturation(const SyntheticFrame& frame);

// perClass frames of every class in `distortions`, from `seed`. The same seed gives the same set.
std::vector<SyntheticFrame> makeSet(std::uint64_t seed, int perClass,
                                    std::span<const Distortion> distortions = kAllDistortions);

}  // namespace devices::synth
