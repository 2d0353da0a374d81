// The role check cannot be fooled: a model satisfies its own role's concept and no other, even
// when it has the other role's member functions, and a type that names no role satisfies none.
#include "policies/durability/group_commit.hpp"
#include "policies/gossip/batched.hpp"
#include "policies/gossip/eager.hpp"
#include "policies/ids/node_counter.hpp"
#include "policies/repair/digest.hpp"
#include "policies/storage/ordered_set.hpp"
#include "policies/topology/star.hpp"

#include <boost/test/unit_test.hpp>

namespace {

using namespace glomers;

// A gossip policy by its members, claiming the topology role: it is neither.
struct impostor {
  using policy_role = roles::topology;
  using value_type = std::int64_t;
  void enqueue(std::string const&, std::vector<std::int64_t> const&, std::chrono::nanoseconds) {}
  std::vector<gossip_batch<>> poll(std::chrono::nanoseconds) { return {}; }
  std::optional<std::chrono::nanoseconds> next_deadline() const { return std::nullopt; }
};

// A topology by its members, naming no role at all.
struct anonymous {
  static std::vector<std::string> targets(std::string const&, std::string const&, std::vector<std::string> const&,
                                          topology_map const&) {
    return {};
  }
};

static_assert(topology_policy<topology::star>);
static_assert(!gossip_policy<topology::star>);
static_assert(gossip_policy<gossip::batched<120>> && gossip_policy<gossip::eager<>>);
static_assert(!topology_policy<gossip::eager<>> && !storage_policy<gossip::eager<>>);
static_assert(!gossip_policy<impostor>);    // the members fit, the role does not
static_assert(!topology_policy<impostor>);  // the role fits, the members do not
static_assert(!topology_policy<anonymous>);
static_assert(storage_policy<storage::ordered_set> && !repair_policy<storage::ordered_set>);
static_assert(repair_policy<repair::digest<1000>> && !gossip_policy<repair::digest<1000>>);
static_assert(id_policy<ids::node_counter>);
static_assert(durability_model<durability::group_commit<100>::model<runtime::manual>>);

}  // namespace

BOOST_AUTO_TEST_CASE(roles_are_checked_by_identity) {
  BOOST_TEST((plays<topology::star, roles::topology>));
  BOOST_TEST(!(plays<topology::star, roles::gossip>));
  BOOST_TEST(!(plays<anonymous, roles::topology>));
}
