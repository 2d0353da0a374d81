// detail::sha256 against FIPS 180-4's examples and digests from an independent implementation,
// at every padding boundary (55, 56, 64 bytes: one or two final blocks).
#include "policies/detail/sha256.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

namespace {
std::string hex(std::array<std::uint8_t, 32> const& d) {
  std::string out;
  char buf[3];
  for (auto b : d) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(sha256_test)

BOOST_AUTO_TEST_CASE(fips_examples) {
  using glomers::detail::sha256;
  BOOST_TEST(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

BOOST_AUTO_TEST_CASE(padding_boundaries) {
  using glomers::detail::sha256;
  BOOST_TEST(hex(sha256(std::string(55, 'a'))) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  BOOST_TEST(hex(sha256(std::string(56, 'a'))) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  BOOST_TEST(hex(sha256(std::string(64, 'a'))) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  BOOST_TEST(hex(sha256(std::string(119, 'a'))) == "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  BOOST_TEST(hex(sha256(std::string(1000, 'a'))) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

BOOST_AUTO_TEST_CASE(constants_are_derived_at_compile_time) {
  namespace c = glomers::detail::sha256_constants;
  static_assert(c::k[63] == 0xc67178f2u);
  static_assert(c::h0[7] == 0x5be0cd19u);
  static_assert(glomers::detail::sha256("abc")[0] == 0xba);
  BOOST_TEST(c::k[1] == 0x71374491u);
}

BOOST_AUTO_TEST_SUITE_END()
