#include "devices/decode/ReedSolomon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace {

using Block = std::vector<std::uint8_t>;

Block encoded(int dataCodewords, int ecCodewords, std::mt19937& random) {
    Block block(static_cast<std::size_t>(dataCodewords));
    for (auto& codeword : block)
        codeword = static_cast<std::uint8_t>(random() & 0xFF);
    const Block check = devices::checkCodewords(block, ecCodewords);
    block.insert(block.end(), check.begin(), check.end());
    return block;
}

// `count` distinct indices below `size`.
std::vector<int> someIndices(int size, int count, std::mt19937& random) {
    std::vector<int> all(static_cast<std::size_t>(size));
    std::iota(all.begin(), all.end(), 0);
    std::shuffle(all.begin(), all.end(), random);
    all.resize(static_cast<std::size_t>(count));
    return all;
}

std::uint8_t otherValue(std::uint8_t value, std::mt19937& random) {
    return static_cast<std::uint8_t>(value ^ (1 + random() % 255));
}

// The standard's worked example (ISO/IEC 18004:2015 annex I.3, version 1-M "01234567"): its 16
// data codewords and the 10 check codewords printed for them.
TEST(ReedSolomon, CheckCodewordsMatchTheStandardsExample) {
    const Block data = {0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                        0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11};
    const Block expected = {0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55};
    EXPECT_EQ(devices::checkCodewords(data, 10), expected);
}

TEST(ReedSolomon, AnIntactBlockNeedsNoCorrection) {
    std::mt19937 random(1);
    Block block = encoded(19, 7, random);
    const Block original = block;
    const auto correction = devices::correctBlock(block, 7);
    ASSERT_TRUE(correction);
    EXPECT_EQ(correction->errors, 0);
    EXPECT_EQ(block, original);
}

// Every mix of errors and erasures within 2 * errors + erasures <= ec, at block shapes QR uses.
TEST(ReedSolomon, CorrectsEveryMixOfErrorsAndErasuresWithinTheBound) {
    std::mt19937 random(2);
    for (const auto& [data, ec] :
         {std::pair{19, 7}, std::pair{16, 10}, std::pair{43, 24}, std::pair{118, 30}}) {
        for (int erasures = 0; erasures <= ec; ++erasures) {
            for (int errors = 0; 2 * errors + erasures <= ec; ++errors) {
                for (int round = 0; round < 3; ++round) {
                    const Block original = encoded(data, ec, random);
                    Block block = original;
                    const auto wrong = someIndices(data + ec, errors + erasures, random);
                    for (int index : wrong)
                        block[static_cast<std::size_t>(index)] =
                            otherValue(block[static_cast<std::size_t>(index)], random);
                    // Some erased codewords are right after all: an erasure is a doubt, not a fault.
                    std::vector<int> erased(wrong.begin() + errors, wrong.end());
                    if (!erased.empty() && round == 2)
                        block[static_cast<std::size_t>(erased[0])] =
                            original[static_cast<std::size_t>(erased[0])];
                    const auto correction = devices::correctBlock(block, ec, erased);
                    ASSERT_TRUE(correction)
                        << data << "+" << ec << " errors " << errors << " erasures " << erasures;
                    EXPECT_EQ(correction->errors, errors);
                    EXPECT_EQ(block, original);
                }
            }
        }
    }
}

// Beyond the bound the block is left alone and no correction is claimed (a miscorrection onto
// another codeword is possible in principle; at these sizes it did not happen in 200 tries).
TEST(ReedSolomon, GivesUpBeyondTheBoundAndLeavesTheBlockAlone) {
    std::mt19937 random(3);
    int refused = 0;
    for (int round = 0; round < 200; ++round) {
        Block block = encoded(43, 24, random);
        for (int index : someIndices(67, 13, random))
            block[static_cast<std::size_t>(index)] =
                otherValue(block[static_cast<std::size_t>(index)], random);
        const Block damaged = block;
        if (!devices::correctBlock(block, 24)) {
            ++refused;
            EXPECT_EQ(block, damaged);
        }
    }
    EXPECT_EQ(refused, 200);
}

TEST(ReedSolomon, ErasuresDoubleWhatTheBlockCarries) {
    std::mt19937 random(4);
    const Block original = encoded(43, 24, random);
    Block block = original;
    const auto wrong = someIndices(67, 20, random);
    for (int index : wrong)
        block[static_cast<std::size_t>(index)] = otherValue(block[static_cast<std::size_t>(index)], random);
    Block unflagged = block;
    EXPECT_FALSE(devices::correctBlock(unflagged, 24));
    ASSERT_TRUE(devices::correctBlock(block, 24, wrong));
    EXPECT_EQ(block, original);
}

TEST(ReedSolomon, RefusesMoreErasuresThanCheckCodewords) {
    std::mt19937 random(5);
    Block block = encoded(19, 7, random);
    const std::vector<int> erased = {0, 1, 2, 3, 4, 5, 6, 7};
    EXPECT_FALSE(devices::correctBlock(block, 7, erased));
    const std::vector<int> outside = {40};
    EXPECT_FALSE(devices::correctBlock(block, 7, outside));
}

}  // namespace
