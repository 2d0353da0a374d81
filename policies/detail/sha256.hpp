// detail::sha256: the SHA-256 digest of FIPS 180-4 (section 6.2), for hash partitioning that
// must agree with other implementations (the published Go solution takes a key's owner from the
// first byte of crypto/sha256). Written for keys of a few bytes; not constant-time.
//
// The constants are derived, as the standard defines them, at compile time: K[t] is the first
// 32 bits of the fractional part of the cube root of the t-th prime (4.2.2), H0 those of the
// square roots of the first eight primes (5.3.3).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace glomers::detail {

namespace sha256_constants {

constexpr std::array<std::uint32_t, 64> first_primes() {
  std::array<std::uint32_t, 64> out{};
  std::uint32_t candidate = 2;
  for (std::size_t found = 0; found < out.size(); ++candidate) {
    bool prime = true;
    for (std::size_t i = 0; i < found; ++i) {
      if (candidate % out[i] == 0) {
        prime = false;
        break;
      }
    }
    if (prime) out[found++] = candidate;
  }
  return out;
}

// floor(x^(1/r)) for r in {2, 3}, exactly, by bisection on integers.
constexpr unsigned __int128 integer_root(unsigned __int128 x, int r) {
  unsigned __int128 lo = 0, hi = 1;
  auto power = [r](unsigned __int128 m) { return r == 2 ? m * m : m * m * m; };
  while (power(hi) <= x) hi *= 2;
  while (hi - lo > 1) {
    auto const mid = lo + (hi - lo) / 2;
    if (power(mid) <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

// First 32 fractional bits of p^(1/r): floor((p * 2^(32 r))^(1/r)) mod 2^32.
constexpr std::uint32_t fraction_bits(std::uint32_t p, int r) {
  return static_cast<std::uint32_t>(integer_root(static_cast<unsigned __int128>(p) << (32 * r), r));
}

constexpr std::array<std::uint32_t, 64> round_constants() {
  auto const primes = first_primes();
  std::array<std::uint32_t, 64> k{};
  for (std::size_t t = 0; t < k.size(); ++t) k[t] = fraction_bits(primes[t], 3);
  return k;
}

constexpr std::array<std::uint32_t, 8> initial_hash() {
  auto const primes = first_primes();
  std::array<std::uint32_t, 8> h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = fraction_bits(primes[i], 2);
  return h;
}

inline constexpr auto k = round_constants();
inline constexpr auto h0 = initial_hash();
static_assert(k[0] == 0x428a2f98u && h0[0] == 0x6a09e667u);

}  // namespace sha256_constants

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// Processes one 64-byte block into the running hash (6.2.2).
constexpr void sha256_block(std::array<std::uint32_t, 8>& h, std::uint8_t const* block) {
  std::array<std::uint32_t, 64> w{};
  for (int t = 0; t < 16; ++t) {
    w[t] = std::uint32_t(block[4 * t]) << 24 | std::uint32_t(block[4 * t + 1]) << 16 |
           std::uint32_t(block[4 * t + 2]) << 8 | std::uint32_t(block[4 * t + 3]);
  }
  for (int t = 16; t < 64; ++t) {
    auto const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    auto const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  auto v = h;  // a..h
  for (int t = 0; t < 64; ++t) {
    auto const e = v[4], a = v[0];
    auto const t1 = v[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & v[5]) ^ (~e & v[6])) +
                    sha256_constants::k[t] + w[t];
    auto const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    for (int i = 7; i > 0; --i) v[i] = v[i - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; ++i) h[i] += v[i];
}

// The 32-byte digest of data.
constexpr std::array<std::uint8_t, 32> sha256(std::string_view data) {
  auto h = sha256_constants::h0;
  std::size_t const n = data.size();
  std::array<std::uint8_t, 64> block{};
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    for (std::size_t j = 0; j < 64; ++j) block[j] = static_cast<std::uint8_t>(data[i + j]);
    sha256_block(h, block.data());
  }
  // Padding (5.1.1): the rest, a 1 bit, zeros, and the length in bits as 64 bits big-endian;
  // one or two blocks.
  block = {};
  std::size_t rest = n - i;
  for (std::size_t j = 0; j < rest; ++j) block[j] = static_cast<std::uint8_t>(data[i + j]);
  block[rest] = 0x80;
  if (rest >= 56) {
    sha256_block(h, block.data());
    block = {};
  }
  std::uint64_t const bits = static_cast<std::uint64_t>(n) * 8;
  for (int j = 0; j < 8; ++j) block[63 - j] = static_cast<std::uint8_t>(bits >> (8 * j));
  sha256_block(h, block.data());

  std::array<std::uint8_t, 32> out{};
  for (int j = 0; j < 8; ++j) {
    for (int b = 0; b < 4; ++b) out[4 * j + b] = static_cast<std::uint8_t>(h[j] >> (24 - 8 * b));
  }
  return out;
}

}  // namespace glomers::detail
