// How the steps of a walkthrough connect, as a small graph over step indices. Pure.
//
// A step moves on by exactly one of these, in this order of precedence:
//   choices  – to the step each choice names (the citizen picks one)
//   next     – to the named step
//   end      – nowhere: the walkthrough is finished
//   (none)   – to the following step in the file; after the last step, finished
// References to unknown steps are skipped here; the loader reports them.
#pragma once

#include <cstddef>
#include <vector>

#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

// Indices of the steps `stepIndex` can lead to (several for a question). Finds the targets by
// scanning the steps: fine for the one step on screen, not for every step of a walkthrough.
std::vector<size_t> successors(const Walkthrough& walkthrough, size_t stepIndex);

// successors() of every step at once, in time linear in steps and moves. The whole-walkthrough
// functions below use it, so each of them is linear too: the loader runs them on every file at
// start-up, before the first frame.
std::vector<std::vector<size_t>> allSuccessors(const Walkthrough& walkthrough);

// True when "Next" on this step finishes the walkthrough (no choices and nowhere to go).
bool isFinalStep(const Walkthrough& walkthrough, size_t stepIndex);

// For each step: can the citizen get there from the first step?
std::vector<bool> reachableFromStart(const Walkthrough& walkthrough);

// For each step: does at least one path from it reach a final step? A step where every path
// loops forever would trap the citizen.
std::vector<bool> leadsToEnd(const Walkthrough& walkthrough);

// For each step: how many steps are left, counting itself, along the longest way to a final
// step. Only forward moves (to a later step in the file) count, so "try again" loops back to an
// earlier step do not make the count infinite. Used for progress dots: taking a shorter branch
// makes the total shrink, it never grows unexpectedly.
std::vector<int> longestRemaining(const Walkthrough& walkthrough);

}  // namespace kiosk::content
