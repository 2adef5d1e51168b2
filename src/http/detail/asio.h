#pragma once
// The one header that includes Asio and Beast. Boost 1.74's asio/awaitable.hpp uses std::exchange
// without including <utility>, so <utility> must come first. Include only from .cc files.

#include <utility>  // must precede the Boost includes (see above)

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
