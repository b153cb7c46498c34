#pragma once
// The preview's HTTP server: cpp-httplib's request handling with our own connection loop (private to
// devserver; httplib types never leave this library).
#include <functional>

#include <httplib.h>

namespace briefs::devserver {

/// What a handler decides about the connection its request came on.
struct connection_state {
    bool close = false;  ///< close the connection after this response (a body we did not read, a refusal)
    /// When set (an event stream), the socket goes to it once the request is handled, and httplib's
    /// response is not written (the new owner writes its own); it must close the socket.
    std::function<void(int socket)> adopt;
};

/// The connection of the request being handled on this thread (handlers run on the connection's
/// thread); nullptr outside a request.
connection_state* current_connection();

/// httplib::Server whose per-connection loop keeps one read buffer for the whole connection, so that
/// pipelined requests each get their answer (httplib 0.11 drops what it read ahead), closes the
/// connection when a handler asks, and hands a socket over when a handler adopts it (event streams),
/// instead of keeping a worker thread for each.
class http_server final : public httplib::Server {
private:
    bool process_and_close_socket(socket_t sock) override;
};

}  // namespace briefs::devserver
