#pragma once
// Linked groups of ads (../shared/spec/ads.md, `group`): ads connected, directly or through
// others, by a template, a phone number, an e-mail address or an image hash. Every link is kept
// with what it shares, so that a group can be explained ("same phone +4670… as ad X on site Y")
// rather than asserted. Union-find with path halving: linear in the number of keys.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ads/detail/string_table.h"

namespace sv::ads {

enum class LinkKind { kTemplate, kPhone, kEmail, kImage };
std::string_view LinkKindName(LinkKind k);  // "template", "phone", "email", "image"

// Ad `ad` shares `value` of `kind` with ad `with`, an ad that had it first.
struct Link {
  std::size_t ad = 0;
  std::size_t with = 0;
  LinkKind kind = LinkKind::kPhone;
  std::string value;
};

// Not thread-safe; one per analysis. Ads are numbered 0, 1, 2, … as the caller adds them.
class AdGroups {
 public:
  // Makes room for ads 0 … count-1 (more may be added later by a larger call).
  void Reserve(std::size_t count);
  // Ad `ad` has `value` of `kind` (an E.164 number, a lower-case address, an image hash, a
  // template id): it joins every ad that had the same before.
  void AddKey(std::size_t ad, LinkKind kind, std::string_view value);
  // The same as AddKey for a caller that keeps the first ad of each key itself: `first` (≤ ad)
  // is the first ad that had `value` of `kind`. Such a caller looks each key up once, in its own
  // table, not again in this one's (at a million ads each lookup is a cache miss).
  void AddKnownKey(std::size_t ad, LinkKind kind, std::string_view value, std::size_t first);
  // Ad `ad` is of the template named by its first ad `first` (first ≤ ad): the same as
  // AddKey(ad, LinkKind::kTemplate, the decimal digits of `first`) when every ad's template is
  // added so, but without a table, as the first ad with that key is `first` itself, and with
  // the digits written only for a link kept.
  void AddTemplate(std::size_t ad, std::size_t first);

  // The group of `ad`: the number of the first ad of its group.
  std::size_t GroupOf(std::size_t ad);
  // The links that joined `ad` to earlier ads, in the order they were found.
  std::vector<Link> LinksOf(std::size_t ad) const;
  const std::vector<Link>& links() const { return links_; }

 private:
  std::size_t Find(std::size_t i);
  void Union(std::size_t a, std::size_t b);
  // Joins `ad` to `first`, the first ad with a key of `kind`, keeping the link (with `value()`,
  // the key) when that joins two groups.
  template <typename Value>
  void Join(std::size_t ad, std::size_t first, LinkKind kind, Value&& value);

  std::vector<std::size_t> parent_;
  detail::StringTable<std::size_t> first_;  // kind + value → the first ad with it
  std::vector<Link> links_;
};

}  // namespace sv::ads
