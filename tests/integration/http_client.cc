#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace sv::testing {

std::size_t ParseResponse(const std::string& data, bool at_eof, HttpResponse& out) {
  auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return 0;
  HttpResponse r;
  std::size_t line_end = data.find("\r\n");
  std::string status_line = data.substr(0, line_end);
  if (status_line.size() < 12) return 0;
  r.status = std::atoi(status_line.c_str() + 9);
  std::size_t pos = line_end + 2;
  while (pos < head_end) {
    std::size_t eol = data.find("\r\n", pos);
    std::string line = data.substr(pos, eol - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
    }
    pos = eol + 2;
  }
  std::size_t body_start = head_end + 4;
  if (r.status == 100) {
    out = r;
    return body_start;
  }
  auto cl = r.headers.find("content-length");
  if (cl != r.headers.end()) {
    std::size_t length = std::strtoull(cl->second.c_str(), nullptr, 10);
    if (data.size() < body_start + length) return 0;
    r.body = data.substr(body_start, length);
    out = r;
    return body_start + length;
  }
  if (!at_eof) return 0;
  r.body = data.substr(body_start);
  out = r;
  return data.size();
}

Connection::Connection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    throw std::runtime_error("connect() failed");
  }
}

Connection::~Connection() { close(fd_); }

bool Connection::Send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<HttpResponse> Connection::ReadResponse(int timeout_ms) {
  bool eof = false;
  for (int waited = 0;;) {
    HttpResponse r;
    std::size_t used = ParseResponse(pending_, eof, r);
    if (used > 0) {
      pending_.erase(0, used);
      if (r.status == 100) continue;  // interim response: read the final one
      return r;
    }
    if (eof || waited >= timeout_ms) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) {
      waited += 100;
      continue;
    }
    char buf[16384];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof = true;
    } else {
      pending_.append(buf, static_cast<std::size_t>(n));
    }
  }
}

bool Connection::WaitForClose(int timeout_ms) {
  for (int waited = 0; waited < timeout_ms;) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) {
      waited += 100;
      continue;
    }
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
    pending_.append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

HttpResponse Request(int port, const std::string& method, const std::string& target,
                     const std::map<std::string, std::string>& headers, const std::string& body) {
  Connection c(port);
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  c.Send(req);
  auto r = c.ReadResponse();
  if (!r) throw std::runtime_error("no response to " + method + " " + target);
  return *r;
}

}  // namespace sv::testing
