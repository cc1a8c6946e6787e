#include "devices/camera/CameraSource.h"

#include "TestImages.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

namespace {

using devices::SourceKind;

TEST(CameraSource, DevicePathsAndIndexesAreDevicesEvenWhenAbsent) {
    struct Case {
        const char* text;
        const char* path;
        int index;
    };
    for (const Case& c :
         {Case{"/dev/video0", "/dev/video0", 0}, Case{"/dev/video99", "/dev/video99", 99},
          Case{"2", "/dev/video2", 2}, Case{"/dev/v4l/by-id/usb-cam", "/dev/v4l/by-id/usb-cam", -1}}) {
        SCOPED_TRACE(c.text);
        const auto source = devices::parseCameraSource(c.text);
        ASSERT_TRUE(source.ok());
        EXPECT_EQ(source->kind, SourceKind::Device);
        EXPECT_EQ(source->path, c.path);
        EXPECT_EQ(source->deviceIndex, c.index);
    }
}

TEST(CameraSource, FilesAndFoldersAreClassifiedByWhatExists) {
    devices::test::TempDir dir;
    std::ofstream(dir / "code.JPG") << "x";
    std::ofstream(dir / "clip.avi") << "x";
    std::filesystem::create_directory(dir / "frames");

    const auto image = devices::parseCameraSource((dir / "code.JPG").string());
    ASSERT_TRUE(image.ok());
    EXPECT_EQ(image->kind, SourceKind::Image);
    const auto video = devices::parseCameraSource((dir / "clip.avi").string());
    ASSERT_TRUE(video.ok());
    EXPECT_EQ(video->kind, SourceKind::Video);
    const auto folder = devices::parseCameraSource((dir / "frames").string());
    ASSERT_TRUE(folder.ok());
    EXPECT_EQ(folder->kind, SourceKind::Folder);
}

TEST(CameraSource, MissingFileAndEmptyStringAreErrors) {
    devices::test::TempDir dir;
    const auto missing = devices::parseCameraSource((dir / "nope.png").string());
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "camera.source_missing");
    EXPECT_NE(missing.error().message.find("nope.png"), std::string::npos);

    const auto empty = devices::parseCameraSource("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, "camera.no_source");
}

TEST(CameraSource, RecognisesImageExtensionsCaseInsensitively) {
    EXPECT_TRUE(devices::isImageFileName("a.png"));
    EXPECT_TRUE(devices::isImageFileName("B.JPEG"));
    EXPECT_TRUE(devices::isImageFileName("c.webp"));
    EXPECT_FALSE(devices::isImageFileName("notes.txt"));
    EXPECT_FALSE(devices::isImageFileName("clip.mp4"));
    EXPECT_FALSE(devices::isImageFileName("png"));
}

}  // namespace

// Issue #16 item 11: `--camera` on a FIFO blocked the camera thread in the video reader's open,
// and leaving the scanner (which joins it) froze the UI thread.
TEST(CameraSource, PipesAreRefusedNotOpened) {
    devices::test::TempDir dir;
    ASSERT_EQ(::mkfifo((dir / "camera.fifo").c_str(), 0600), 0);
    const auto fifo = devices::parseCameraSource((dir / "camera.fifo").string());
    ASSERT_FALSE(fifo.ok());
    EXPECT_EQ(fifo.error().code, "camera.not_a_file");
}
