// The decode pipeline's floor, like ZXing-cpp's blackbox runner: a fixed, seeded set of hard
// camera-like frames (issue 17: small turned blurred codes, dense tilted codes, faint codes,
// glare, curved paper) with the text each must read. The floors sit a little under what the
// pipeline reads today, so a change that loses hard frames fails here before it reaches a kiosk.
// bench_scan prints the same classes with timings; this test only counts, with a budget large
// enough that the result does not depend on how busy the machine is.
#include "devices/decode/DecodePipeline.h"

#include "SyntheticFrames.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

using devices::synth::Distortion;

constexpr std::uint64_t kSeed = 1717;
constexpr int kPerClass = 12;

struct Floor {
    Distortion distortion;
    int pipelineAtLeast;  // of kPerClass
};

// Floors per class for the pipeline, of kPerClass frames each. Measured when first set (issue 17):
// the pipeline read 10, 9, 10, 12, 11 and one ZXing call 3, 8, 0, 11, 11. After the second round
// of issue 17 (rectified, deblurred, enlarged and extra threshold passes) it reads 11, 12, 12, 12,
// 12; without the deblurred pass small_turned_blur falls to 9 (the rectified pass, worth one
// dense_tilted frame here, has its own test in DecodePipelineTest). The third round (deconvolved
// pass) reads all 60; the deconvolved and unbent passes have their own tests there too. Raised
// when the pipeline improves; never lowered to make a change pass.
constexpr Floor kFloors[] = {
    {Distortion::SmallTurnedBlur, 11}, {Distortion::DenseTilted, 11}, {Distortion::FaintSmall, 11},
    {Distortion::Glare, 11},           {Distortion::CurvedPaper, 11},
};
constexpr int kTotalFloor = 59;  // of 60; read 60 when set (59 in the second round, 52 in the first)

TEST(BlackboxFloor, HardFramesStayAboveTheirFloorAndAboveOneZXingCall) {
    const auto set = devices::synth::makeSet(kSeed, kPerClass, devices::synth::kHardDistortions);
    devices::DecodeOptions options;
    options.budget = std::chrono::seconds(1);
    std::map<Distortion, int> pipeline, raw;
    int wrong = 0;
    std::string missed;
    for (const auto& frame : set) {
        const auto outcome = devices::decodeFrame(frame.bgr, options);
        const bool read = outcome.found() && outcome.code->text == frame.payload;
        pipeline[frame.distortion] += read;
        wrong += outcome.found() && !read;
        const auto rawOutcome = devices::decodeRawBaseline(frame.bgr);
        raw[frame.distortion] += rawOutcome.found() && rawOutcome.code->text == frame.payload;
        if (!read) missed += " " + frame.name;
    }
    int pipelineTotal = 0, rawTotal = 0;
    for (const Floor& floor : kFloors) {
        const std::string name(devices::synth::distortionName(floor.distortion));
        RecordProperty(name + "_pipeline", pipeline[floor.distortion]);
        RecordProperty(name + "_raw", raw[floor.distortion]);
        EXPECT_GE(pipeline[floor.distortion], floor.pipelineAtLeast) << name << "; not read:" << missed;
        pipelineTotal += pipeline[floor.distortion];
        rawTotal += raw[floor.distortion];
    }
    EXPECT_GE(pipelineTotal, kTotalFloor) << "not read:" << missed;
    EXPECT_EQ(wrong, 0) << "a misread is worse than no read";
    // The hard set must stay hard: if one ZXing call read nearly all of it, it would no longer
    // measure anything.
    EXPECT_LE(rawTotal, pipelineTotal * 85 / 100) << "raw " << rawTotal << ", pipeline " << pipelineTotal;
}

}  // namespace
