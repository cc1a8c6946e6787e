#include <gtest/gtest.h>

#include "kiosk/store/RemovableMedia.h"

TEST(RemovableMedia, FindsSticksUnderMediaAndRunMediaOnly) {
    const char* mounts =
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        "/dev/sdb1 /media/usb0 vfat rw,nosuid 0 0\n"
        "/dev/sdc1 /run/media/kiosk/SO\\040LIEU exfat rw 0 0\n"
        "tmpfs /run/user/1000 tmpfs rw 0 0\n";
    const auto found = kiosk::store::removableMountPoints(mounts);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0], "/media/usb0");
    EXPECT_EQ(found[1], "/run/media/kiosk/SO LIEU");
}

TEST(RemovableMedia, NothingMountedIsAnEmptyList) {
    EXPECT_TRUE(kiosk::store::removableMountPoints("/dev/sda1 / ext4 rw 0 0\n").empty());
    EXPECT_TRUE(kiosk::store::removableMountPoints("").empty());
}
