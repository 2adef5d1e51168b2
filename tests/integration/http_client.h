#pragma once
// A deliberately small HTTP/1.1 client over a raw socket, so tests can also send what a
// well-behaved client never would (oversized headers, slow bytes, idle connections).

#include <map>
#include <optional>
#include <string>

namespace sv::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class Connection {
 public:
  explicit Connection(int port);  // connects to 127.0.0.1:port; throws on failure
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Writes all of `bytes`; false when the peer has closed the connection.
  bool Send(const std::string& bytes);
  // Reads one response (Content-Length or until close). Nothing when the connection closed or
  // nothing complete arrived within `timeout_ms` (a bound for a broken server, not an assertion).
  std::optional<HttpResponse> ReadResponse(int timeout_ms = 30000);
  // True when the server closes the connection within `timeout_ms` (reads and discards data).
  bool WaitForClose(int timeout_ms);
  int fd() const { return fd_; }

 private:
  int fd_;
  std::string pending_;
};

// One request on a fresh connection ("Connection: close").
HttpResponse Request(int port, const std::string& method, const std::string& target,
                     const std::map<std::string, std::string>& headers = {},
                     const std::string& body = "");

// Parses the head and body of one response in `data`; returns the bytes consumed, or 0 when
// `data` does not hold a complete response yet (`at_eof`: the peer closed after it).
std::size_t ParseResponse(const std::string& data, bool at_eof, HttpResponse& out);

}  // namespace sv::testing
