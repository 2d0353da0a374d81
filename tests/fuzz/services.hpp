// The services as the fuzzer plays them: a small KV (seq-kv, lin-kv, lww-kv alike) that answers correctly, and forged
// replies (a bad value of the expected type, a wrong type, an error) to a node's requests.
#pragma once

#include "tests/fuzz/cases.hpp"
#include "tests/fuzz/json_text.hpp"

#include <map>
#include <string>

namespace glomers::fuzz {

class fake_kv {
 public:
  // The reply line to a service request (an envelope the node sent).
  std::string answer(jv const& req) {
    auto const& body = *req.get("body");
    auto const* type = body.get("type");
    auto const* key = body.get("key");
    std::string const k = key ? canonical(*key) : "";
    std::string reply;
    std::string const t = type && type->is_string() ? type->text : "";
    if (t == "read") {
      reply = kv_.contains(k) ? "\"type\":\"read_ok\",\"value\":" + kv_[k] : "\"type\":\"error\",\"code\":20";
    } else if (t == "write" && body.get("value")) {
      kv_[k] = dump(*body.get("value"));
      reply = "\"type\":\"write_ok\"";
    } else if (t == "cas" && body.get("from") && body.get("to")) {
      auto const* create = body.get("create_if_not_exists");
      bool const may_create = create && create->kind == jv::boolean && create->b;
      std::string error;
      if (!kv_.contains(k) && !may_create) reply = "\"type\":\"error\",\"code\":20";
      else if (kv_.contains(k) && canonical(*parse(kv_[k], error)) != canonical(*body.get("from"))) reply = "\"type\":\"error\",\"code\":22";
      else kv_[k] = dump(*body.get("to")), reply = "\"type\":\"cas_ok\"";
    } else {
      reply = "\"type\":\"error\",\"code\":10";
    }
    return "{\"src\":\"" + req.get("dest")->text + "\",\"dest\":\"" + req.get("src")->text + "\",\"body\":{" + reply +
           ",\"in_reply_to\":" + body.get("msg_id")->text + "}}";
  }

 private:
  std::map<std::string, std::string> kv_;  // canonical key -> value text
};

// A forged reply to req (or, without one, to a made-up request id), from seq-kv itself or from
// a client posing as it.
inline std::string forged_reply(rng& r, jv const* req, bool from_service) {
  static std::vector<std::string> const types{"read_ok", "read_ok", "cas_ok", "write_ok", "error", "ts_ok"};
  static std::vector<std::string> const shares{"[1.5,0]", "[1e400,0]", "[18446744073709551616,0]", "[-1,0]", "[9223372036854775807,5]", "1.5"};
  std::string irt = std::to_string(r.below(60));
  std::string type = r.pick(types);
  std::string service = r.chance(0.5) ? "seq-kv" : "lin-kv";
  if (req) {
    service = req->get("dest")->text;
    auto const& body = *req->get("body");
    irt = body.get("msg_id")->text;
    if (auto const* t = body.get("type"); t && r.chance(0.7)) type = t->text + "_ok";  // the expected type, a bad value
  }
  std::string b = "{\"type\":\"" + type + "\",\"in_reply_to\":" + irt;
  if (type == "read_ok") {
    b += ",\"value\":" + (r.chance(0.4) ? r.pick(shares) : r.chance(0.5) ? "[" + random_number(r) + ",0]" : random_value(r));
  }
  if (type == "error") b += ",\"code\":" + (r.chance(0.5) ? std::to_string(r.below(40)) : random_number(r));
  if (type == "ts_ok") b += ",\"ts\":" + random_number(r);
  return "{\"src\":\"" + (from_service ? service : std::string("c2")) + "\",\"dest\":\"n0\",\"body\":" + b + "}}";
}

}  // namespace glomers::fuzz
