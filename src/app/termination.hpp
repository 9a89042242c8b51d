// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

namespace attnplay::app {

/// Calls `handler` with the signal number, on the GUI thread, when SIGINT or SIGTERM arrives, so
/// the player can stop cleanly (a running export cancelled and its temporary file removed, a
/// scene script stopped). A second signal ends the process at once.
void onTerminationSignal(std::function<void(int)> handler);

}  // namespace attnplay::app
