// ESC/POS bytes for a ticket, and the printer's answers to DLE EOT. Pure: no I/O.
// References: Epson "ESC/POS Application Programming Guide" — ESC @, GS v 0, ESC d, GS V,
// DLE EOT n. Cheap 58/80 mm clones implement this subset faithfully.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "devices/printer/MonoImage.h"
#include "devices/printer/PrinterStatus.h"

namespace devices {

// GS v 0 allows up to 4095 rows, but clone printers with small receive buffers drop data on
// large images; bands of at most this many rows print reliably and without visible seams.
inline constexpr int kRasterBandRows = 255;

// ESC @ (reset), the raster as GS v 0 bands, ESC d 3 (feed past the tear bar), GS V 66 0
// (feed to the cutter and cut partially, so the slip hangs until the citizen takes it).
std::vector<std::uint8_t> encodeEscPos(const MonoImage& raster);

// DLE EOT n: n = 1 printer status, 2 offline cause, 4 roll-paper sensor. Real-time commands:
// the printer answers even while offline or out of paper.
std::vector<std::uint8_t> statusQuery(int n);

// Reads the three answers. nullopt when a byte does not carry the fixed bits the spec promises
// (0xx1xx10), i.e. the peer is not an ESC/POS printer answering DLE EOT.
std::optional<PrinterStatus> parseStatusReplies(std::uint8_t printer, std::uint8_t offlineCause,
                                                std::uint8_t paper);

}  // namespace devices
