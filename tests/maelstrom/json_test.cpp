#include "maelstrom/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/test/unit_test.hpp>

namespace {

struct inner {
  std::int64_t n;
};
BOOST_DESCRIBE_STRUCT(inner, (), (n))

struct sample {
  std::string name;
  std::int64_t count;
  std::optional<bool> flag;
  std::vector<inner> items;
  std::map<std::string, std::int64_t> offsets;
};
BOOST_DESCRIBE_STRUCT(sample, (), (name, count, flag, items, offsets))

using glomers::json::decode;
using glomers::json::decode_error;
using glomers::json::encode;

glomers::json::value parse(std::string_view s) { return boost::json::parse(s); }

std::string error_of(std::string_view text) {
  try {
    decode<sample>(parse(text));
  } catch (decode_error const& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_test)

BOOST_AUTO_TEST_CASE(extra_keys_are_ignored_and_optionals_may_be_absent) {
  auto s = decode<sample>(parse(
      R"({"type":"x","msg_id":3,"name":"a","count":2,"items":[{"n":1,"extra":true}],"offsets":{"k":5}})"));
  BOOST_TEST(s.name == "a");
  BOOST_TEST(s.count == 2);
  BOOST_TEST(!s.flag.has_value());
  BOOST_TEST(s.items.size() == 1u);
  BOOST_TEST(s.items[0].n == 1);
  BOOST_TEST(s.offsets.at("k") == 5);
}

BOOST_AUTO_TEST_CASE(null_sequence_decodes_as_empty) {
  auto s = decode<sample>(parse(R"({"name":"a","count":2,"items":null,"offsets":{}})"));
  BOOST_TEST(s.items.empty());
}

BOOST_AUTO_TEST_CASE(errors_name_the_field) {
  BOOST_TEST(error_of(R"({"count":1,"items":[],"offsets":{}})") == "body: missing field 'name'");
  BOOST_TEST(error_of(R"({"name":"a","count":1.0,"items":[],"offsets":{}})") ==
             "count: expected an integer");
  BOOST_TEST(error_of(R"({"name":"a","count":1,"items":[{"n":"x"}],"offsets":{}})") ==
             "items[0].n: expected an integer");
  BOOST_TEST(error_of(R"({"name":"a","count":1,"items":[],"offsets":[]})") ==
             "offsets: expected an object");
  BOOST_TEST(error_of(R"([1])") == "body: expected an object");
}

BOOST_AUTO_TEST_CASE(encode_omits_empty_optionals) {
  sample s{"a", 1, std::nullopt, {}, {}};
  auto o = encode(s).as_object();
  BOOST_TEST(!o.contains("flag"));
  BOOST_TEST(o.at("items").as_array().empty());
  s.flag = false;
  BOOST_TEST(encode(s).as_object().at("flag").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(round_trip) {
  sample s{"z", -4, true, {{7}, {8}}, {{"a", 1}}};
  auto back = decode<sample>(encode(s));
  BOOST_TEST(back.name == s.name);
  BOOST_TEST(back.count == s.count);
  BOOST_TEST(*back.flag);
  BOOST_TEST(back.items[1].n == 8);
  BOOST_TEST(back.offsets.at("a") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
