// Shared by the service tests: the lines and a storage room over a test database.
#pragma once

#include <memory>
#include <vector>

#include "kiosk/helplog/Pepper.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/storage/StorageThread.h"

namespace service_test {

inline std::vector<kiosk::queue::Service> services() {
    using kiosk::queue::Skill;
    return {{'A', {"Hỗ trợ VNeID", "VNeID help"}, {Skill::PublicServices}},
            {'B', {"Hỗ trợ thanh toán", "Payment help"}, {Skill::OnlinePayment}},
            {'C', {"Việc khác", "Other help"}, {Skill::LocalPlatforms}}};
}

// A synthetic pepper: the bytes 1, 2, 3, ...
inline kiosk::helplog::Pepper testPepper() {
    std::array<unsigned char, kiosk::helplog::kPepperSize> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(i + 1);
    return kiosk::helplog::Pepper(bytes);
}

inline std::unique_ptr<kiosk::storage::StorageRoom> roomOver(kiosk::store::Database database,
                                                             kiosk::queue::QueuePolicy policy = {}) {
    return std::make_unique<kiosk::storage::StorageRoom>(std::move(database), services(), std::move(policy),
                                                         testPepper());
}

}  // namespace service_test
