// detail::line_splitter, the one line splitter of the node runtime and the harness: lines
// across appends, empty lines, a last line without newline, and over-long lines cut once.
#include "maelstrom/detail/lines.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using glomers::detail::line_splitter;

namespace {
std::vector<std::string> drain(line_splitter& s) {
  std::vector<std::string> out;
  while (auto l = s.next()) out.emplace_back(*l);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(lines)

BOOST_AUTO_TEST_CASE(lines_split_across_appends_keep_empty_lines_and_the_rest) {
  line_splitter s;
  s.append("ab");
  BOOST_TEST(drain(s).empty());
  s.append("c\n\nde\nf");
  BOOST_TEST(drain(s) == (std::vector<std::string>{"abc", "", "de"}), boost::test_tools::per_element());
  s.append("g");
  BOOST_TEST(drain(s).empty());
  BOOST_TEST(s.take_rest() == "fg");
  BOOST_TEST(s.take_rest() == "");
}

BOOST_AUTO_TEST_CASE(an_unbounded_splitter_keeps_long_lines_whole) {
  line_splitter s;
  s.append(std::string(5000, 'x'));
  BOOST_TEST(drain(s).empty());
  s.append("\n");
  auto got = drain(s);
  BOOST_TEST_REQUIRE(got.size() == 1u);
  BOOST_TEST(got[0].size() == 5000u);
}

BOOST_AUTO_TEST_CASE(a_long_line_still_arriving_comes_out_once_cut_and_its_rest_is_skipped) {
  line_splitter s(10);
  s.append(std::string(25, 'a'));
  BOOST_TEST(drain(s) == (std::vector<std::string>{std::string(11, 'a')}), boost::test_tools::per_element());
  s.append(std::string(1000, 'a'));
  BOOST_TEST(drain(s).empty());
  s.append("aaa\nok\n");
  BOOST_TEST(drain(s) == (std::vector<std::string>{"ok"}), boost::test_tools::per_element());
  s.append("tail");
  BOOST_TEST(s.take_rest() == "tail");
}

BOOST_AUTO_TEST_CASE(a_complete_long_line_is_cut_the_same_way) {
  line_splitter s(10);
  s.append(std::string(30, 'b') + "\nshort\n");
  BOOST_TEST(drain(s) == (std::vector<std::string>{std::string(11, 'b'), "short"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(nothing_of_a_long_line_is_left_over_at_the_end) {
  line_splitter s(4);
  s.append("123456789");
  BOOST_TEST(drain(s).size() == 1u);
  BOOST_TEST(s.take_rest() == "");
}

BOOST_AUTO_TEST_SUITE_END()
