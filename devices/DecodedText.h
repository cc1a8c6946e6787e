// Decoded text may be a citizen's ID card (DESIGN.md "Personal data"): the buffers we own that
// held it are overwritten before they are freed, so a crash dump or the next allocation does not
// show the card after the session was wiped. (Text inside ZXing and OpenCV is not ours to wipe;
// the service unit also forbids core dumps: LimitCORE=0.)
#pragma once

#include <nlohmann/json.hpp>

#include <memory>

#include "devices/decode/DecodeOutcome.h"
#include "devices/decode/DecodeWorker.h"

namespace devices {

// Overwrites the decoded code's text in place (it keeps its buffer, now all zeros) and empties it.
void wipeDecodedText(DecodeOutcome& outcome);
// A fresh snapshot whose decoded text is wiped when the last reader lets go of it.
std::shared_ptr<DecodeSnapshot> makeWipedOnFreeSnapshot();
// Overwrites every string in a JSON value (the `scan` report) and empties them.
void wipeJsonText(nlohmann::json& value);

}  // namespace devices
