#include "scheduler/schedule.h"

#include <cstring>

namespace weft::sched {
namespace {

constexpr std::string_view kPrefix = "w1.";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

[[noreturn]] void bad(const std::string& what) {
  throw BadToken("weft: malformed replay token: " + what +
                 "; copy the whole token (it starts with \"w1.\") from the failure report");
}

std::uint32_t fnv32(const std::string& bytes) {
  std::uint32_t h = 0x811c9dc5u;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x01000193u;
  }
  return h;
}

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= b_.size()) bad("truncated payload");
      const auto c = static_cast<unsigned char>(b_[pos_++]);
      v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
      if ((c & 0x80) == 0) return v;
    }
    bad("varint too long");
  }
  std::uint8_t byte() {
    if (pos_ >= b_.size()) bad("truncated payload");
    return static_cast<std::uint8_t>(b_[pos_++]);
  }
  std::string bytes(std::size_t n) {
    if (b_.size() - pos_ < n) bad("truncated payload");
    std::string s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool done() const { return pos_ == b_.size(); }

 private:
  const std::string& b_;
  std::size_t pos_ = 0;
};

std::string base64url(const std::string& in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                            (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kAlphabet[(n >> k) & 63]);
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(n >> 6) & 63]);
  }
  return out;
}

std::string unbase64url(std::string_view in, std::size_t offset) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char* p = std::strchr(kAlphabet, in[i]);
    if (in[i] == '\0' || p == nullptr) {
      const unsigned char c = static_cast<unsigned char>(in[i]);
      std::string shown = (c >= 0x21 && c < 0x7f) ? std::string("'") + in[i] + "'" : "byte " + std::to_string(c);
      bad("invalid character " + shown + " at position " + std::to_string(offset + i));
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (in.size() % 4 == 1) bad("truncated payload (impossible length)");
  return out;
}

bool valid_task_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string encode(const Schedule& s) {
  std::string p;
  put_varint(p, s.tasks.size());
  for (const std::string& t : s.tasks) {
    put_varint(p, t.size());
    p += t;
  }
  put_varint(p, s.choices.size());
  for (const Choice& c : s.choices) {
    if (c.op >= 64) throw std::invalid_argument("weft: schedule op code " + std::to_string(c.op) + " does not fit a token");
    p.push_back(static_cast<char>(static_cast<std::uint8_t>(c.kind) | (c.op << 2)));
    put_varint(p, c.value);
    put_varint(p, c.options);
  }
  if (s.enabled_only) put_varint(p, 1);  // flags; absent = 0, so older tokens still read
  const std::uint32_t sum = fnv32(p);
  for (int k = 0; k < 4; ++k) p.push_back(static_cast<char>((sum >> (8 * k)) & 0xff));
  return std::string(kPrefix) + base64url(p);
}

Schedule decode(std::string_view token) {
  const auto first = token.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) bad("the token is empty");
  const auto last = token.find_last_not_of(" \t\r\n");
  token = token.substr(first, last - first + 1);
  if (token.substr(0, kPrefix.size()) != kPrefix) {
    const auto dot = token.find('.');
    const std::string seen(token.substr(0, dot == std::string_view::npos ? std::min<std::size_t>(token.size(), 8) : dot + 1));
    bad("unknown version prefix \"" + seen + "\" (expected \"w1.\")");
  }
  std::string bytes = unbase64url(token.substr(kPrefix.size()), first + kPrefix.size());
  if (bytes.size() < 4) bad("truncated payload");
  const std::string payload = bytes.substr(0, bytes.size() - 4);
  std::uint32_t sum = 0;
  for (int k = 0; k < 4; ++k) sum |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[payload.size() + k])) << (8 * k);
  if (sum != fnv32(payload)) bad("checksum mismatch (token truncated or edited?)");

  Reader r(payload);
  Schedule s;
  const std::uint64_t ntasks = r.varint();
  if (ntasks > payload.size()) bad("truncated payload");
  for (std::uint64_t i = 0; i < ntasks; ++i) {
    const std::uint64_t len = r.varint();
    std::string name = r.bytes(static_cast<std::size_t>(len));
    if (!valid_task_name(name)) bad("task name \"" + name + "\" is not a task identity");
    s.tasks.push_back(std::move(name));
  }
  const std::uint64_t nchoices = r.varint();
  if (nchoices > payload.size()) bad("truncated payload");
  s.choices.reserve(static_cast<std::size_t>(nchoices));
  for (std::uint64_t i = 0; i < nchoices; ++i) {
    const std::uint8_t b = r.byte();
    Choice c;
    c.kind = static_cast<ChoiceKind>(b & 3);
    c.op = static_cast<std::uint8_t>(b >> 2);
    const std::uint64_t value = r.varint(), options = r.varint();
    if (value > 0xffffffffu || options > 0xffffffffu) bad("choice value out of range");
    c.value = static_cast<std::uint32_t>(value);
    c.options = static_cast<std::uint32_t>(options);
    if (c.kind == ChoiceKind::task && c.value >= s.tasks.size()) {
      bad("task index " + std::to_string(c.value) + " out of range (token lists " + std::to_string(s.tasks.size()) +
          " tasks)");
    }
    s.choices.push_back(c);
  }
  if (!r.done()) {
    const std::uint64_t flags = r.varint();
    if (flags > 1) bad("unknown flags " + std::to_string(flags) + " (a token from a newer weft?)");
    s.enabled_only = flags == 1;
  }
  if (!r.done()) bad("trailing bytes after the choices");
  return s;
}

std::string describe(const Choice& c, const Schedule& s) {
  switch (c.kind) {
    case ChoiceKind::task:
      return "task " + (c.value < s.tasks.size() ? s.tasks[c.value] : "#" + std::to_string(c.value)) + " (op " +
             std::to_string(c.op) + ")";
    case ChoiceKind::timer: return "timer #" + std::to_string(c.value);
    case ChoiceKind::select:
      return "select case " + std::to_string(c.value) + " of " + std::to_string(c.options);
    case ChoiceKind::choose: return "choose " + std::to_string(c.value) + " of " + std::to_string(c.options);
  }
  return "?";
}

}  // namespace weft::sched
