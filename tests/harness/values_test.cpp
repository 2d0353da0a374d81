// Clojure's = and compare on JSON values (harness/values.hpp), and what they change in the
// checkers and in the availability figure: the places where comparing serialised text gave
// another verdict than Maelstrom's.
#include "harness/values.hpp"
#include "harness/analysis.hpp"
#include "harness/workloads/broadcast.hpp"
#include "harness/workloads/unique_ids.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers::harness;
namespace json = glomers::json;

namespace {

json::value parse(std::string_view s) { return boost::json::parse(s); }
bool eq(std::string_view a, std::string_view b) { return clojure_equal(parse(a), parse(b)); }
int cmp(std::string_view a, std::string_view b) { return clojure_compare(parse(a), parse(b)); }

// A history of ok completions of f (one process each), values as JSON text.
history oks(std::string const& f, std::vector<std::string> const& values) {
  history h;
  std::int64_t p = 0;
  for (auto const& v : values) {
    op inv;
    inv.index = static_cast<std::int64_t>(h.size());
    inv.f = f;
    inv.process = p++;
    h.push_back(inv);
    op done = inv;
    done.index = static_cast<std::int64_t>(h.size());
    done.type = op_type::ok;
    done.value = parse(v);
    done.invocation = inv.index;
    h.push_back(done);
  }
  return h;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(values_test)

BOOST_AUTO_TEST_CASE(equality_is_clojures) {
  BOOST_TEST(eq(R"({"a":1,"b":[1,2]})", R"({"b":[1,2],"a":1})"));  // maps: key order is no matter
  BOOST_TEST(eq("-0.0", "0.0"));
  BOOST_TEST(!eq("1", "1.0"));  // a Long is never = a Double
  BOOST_TEST(!eq("[1]", "[1.0]"));
  BOOST_TEST(eq("18446744073709551615", "18446744073709551615"));  // uint64 (a BigInteger there)
  BOOST_TEST(!eq("-1", "18446744073709551615"));
  BOOST_TEST(!eq(R"("1")", "1"));
  BOOST_TEST(!eq(R"({"a":1})", R"({"a":1,"b":2})"));
  BOOST_TEST(eq("null", "null"));
  BOOST_TEST(!eq("null", "false"));
  // One key per = class, for maps and sets.
  BOOST_TEST(value_key(parse(R"({"a":1,"b":2})")) == value_key(parse(R"({"b":2,"a":1})")));
  BOOST_TEST(value_key(parse("-0.0")) == value_key(parse("0.0")));
  BOOST_TEST(value_key(parse("1")) != value_key(parse("1.0")));
  BOOST_TEST(value_key(parse(R"("1")")) != value_key(parse("1")));
}

BOOST_AUTO_TEST_CASE(compare_is_clojures) {
  BOOST_TEST(cmp("1", "1.0") == 0);  // compare crosses number kinds, = does not
  BOOST_TEST(cmp("1", "2.5") < 0);
  BOOST_TEST(cmp("-1", "18446744073709551615") < 0);
  BOOST_TEST(cmp("false", "true") < 0);
  BOOST_TEST(cmp(R"("b")", R"("ab")") > 0);
  BOOST_TEST(cmp("[9]", "[1,1]") < 0);  // vectors: length first
  BOOST_TEST(cmp("[1,3]", "[1,2]") > 0);
  BOOST_TEST(cmp("null", "0") < 0);  // nil before anything
  BOOST_TEST(cmp("0", "null") > 0);
  BOOST_CHECK_THROW(cmp("1", R"("1")"), not_comparable);
  BOOST_CHECK_THROW(cmp("true", "1"), not_comparable);
  BOOST_CHECK_THROW(cmp(R"({"a":1})", R"({"a":1})"), not_comparable);  // maps are not Comparable
  BOOST_CHECK_THROW(cmp("[1]", R"(["a"])"), not_comparable);
}

BOOST_AUTO_TEST_CASE(unique_ids_by_clojure_equality) {
  // 1 and 1.0 are two ids; maps with their keys in another order are one (a duplicate). Maps
  // cannot be ordered, so that history has no range: unknown, as Jepsen's checker throws.
  auto r = check_unique_ids(oks("generate", {"1", "1.0", "-0.0", "0.0"}));
  BOOST_TEST(r.at("valid?") == false);  // -0.0 = 0.0
  BOOST_TEST(r.at("duplicated-count") == 1);
  BOOST_TEST(r.at("range") == parse("[-0.0, 1]"));
  BOOST_TEST(check_unique_ids(oks("generate", {"1", "1.0"})).at("valid?") == true);
  auto maps = check_unique_ids(oks("generate", {R"({"a":1,"b":2})", R"({"b":2,"a":1})"}));
  BOOST_TEST(maps.at("valid?") == "unknown");
  // Booleans and vectors compare: a verdict instead of unknown.
  BOOST_TEST(check_unique_ids(oks("generate", {"true", "false"})).at("valid?") == true);
  auto vectors = check_unique_ids(oks("generate", {"[1,2]", "[1,3]", "[1,2]", "[7]"}));
  BOOST_TEST(vectors.at("valid?") == false);
  BOOST_TEST(vectors.at("range") == parse("[[7], [1,3]]"));
  BOOST_TEST(vectors.at("duplicated").at("[1,2]") == 2);  // a non-string id: its JSON text
  auto strings = check_unique_ids(oks("generate", {R"("x")", R"("x")", R"("y")"}));
  BOOST_TEST(strings.at("duplicated").at("x") == 2);  // a string id: itself, not "\"x\""
  BOOST_TEST(check_unique_ids(oks("generate", {"1", R"("1")"})).at("valid?") == "unknown");
  BOOST_TEST(check_unique_ids(oks("generate", {R"({"only":1})"})).at("valid?") == true);  // one id: no compare
}

BOOST_AUTO_TEST_CASE(broadcast_non_integer_elements_count_as_absent) {
  // 0 is broadcast and acknowledged; the last read holds 0.0, which is not 0: lost, invalid
  // (the reply is accepted by read_ok's [s/Any] schema, so the read is ok, not info).
  history h = oks("broadcast", {"0"});
  h[1].value = 0;
  h[0].value = 0;
  auto more = oks("read", {"[0]", "[0.0]"});
  for (auto o : more) {
    o.index += 2;
    o.invocation += 2;
    o.process += 1;
    o.time = std::chrono::milliseconds(o.index);
    h.push_back(o);
  }
  auto r = check_set_full(h, "broadcast");
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("lost") == parse("[0]"));
  BOOST_TEST(!r.contains("stable-latencies"));  // empty: left out, as Jepsen does
  BOOST_TEST(r.contains("lost-latencies"));

  set_workload wl(set_workload::broadcast, workload_context{});
  op inv;
  inv.f = "read";
  auto v = wl.ok_value(inv, parse(R"({"type":"read_ok","in_reply_to":1,"messages":[0.0,"x",{"a":1}]})").as_object());
  BOOST_TEST(v.as_array().size() == 3u);
}

BOOST_AUTO_TEST_CASE(availability_is_a_float_compared_with_the_goal) {
  history h = oks("generate", {"1", "2", "3", "4", "5", "6", "7", "8", "9"});
  op inv;
  inv.index = static_cast<std::int64_t>(h.size());
  inv.f = "generate";
  h.push_back(inv);  // 9 of 10 ok
  auto r = availability_result(h, availability_goal{false, 0.9});
  BOOST_TEST(r.at("valid?") == false);  // (float 9/10) is 0.899999976...: below 0.9
  BOOST_TEST(r.at("ok-fraction").as_double() == 0.9);  // printed as the float prints
  BOOST_TEST(availability_result(h, availability_goal{false, 0.89}).at("valid?") == true);
  BOOST_TEST(availability_result(h, availability_goal{false, 0.5}).at("valid?") == true);
  BOOST_TEST(availability_result(h, availability_goal{true, {}}).at("valid?") == false);
  BOOST_TEST(availability_result(history{}, availability_goal{true, {}}).at("ok-fraction") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
