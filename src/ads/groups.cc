#include "ads/groups.h"

#include <charconv>
#include <utility>

#include "core/status.h"

namespace sv::ads {

std::string_view LinkKindName(LinkKind k) {
  switch (k) {
    case LinkKind::kTemplate: return "template";
    case LinkKind::kPhone: return "phone";
    case LinkKind::kEmail: return "email";
    case LinkKind::kImage: return "image";
  }
  return "phone";
}

void AdGroups::Reserve(std::size_t count) {
  while (parent_.size() < count) parent_.push_back(parent_.size());
}

template <typename Value>
void AdGroups::Join(std::size_t ad, std::size_t first, LinkKind kind, Value&& value) {
  // The caller's contract: ads are added in order, so the first ad with a key comes first.
  SV_ASSERT(first <= ad);
  Reserve(ad + 1);
  // A link is worth keeping only when it joins two groups; otherwise the group already holds
  // an explanation for both ads.
  if (first == ad || Find(first) == Find(ad)) return;
  links_.push_back({ad, first, kind, value()});
  Union(first, ad);
}

void AdGroups::AddKey(std::size_t ad, LinkKind kind, std::string_view value) {
  if (value.empty()) return;
  Reserve(ad + 1);
  // Sized at the first key for the ads reserved so far (callers that keep their own keys, as
  // the analysis does, never fill it).
  if (first_.empty()) first_.Reserve(parent_.size(), 16 * parent_.size());
  const auto [first, added] =
      first_.TryEmplace(static_cast<char>('0' + static_cast<int>(kind)), value, ad);
  if (added) return;
  Join(ad, *first, kind, [&] { return std::string(value); });
}

void AdGroups::AddKnownKey(std::size_t ad, LinkKind kind, std::string_view value,
                           std::size_t first) {
  if (value.empty()) return;
  Join(ad, first, kind, [&] { return std::string(value); });
}

void AdGroups::AddTemplate(std::size_t ad, std::size_t first) {
  Join(ad, first, LinkKind::kTemplate, [&] {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, first).ptr;
    return std::string(digits, static_cast<std::size_t>(end - digits));
  });
}

std::size_t AdGroups::GroupOf(std::size_t ad) {
  Reserve(ad + 1);
  return Find(ad);
}

std::vector<Link> AdGroups::LinksOf(std::size_t ad) const {
  std::vector<Link> out;
  for (const Link& l : links_) {
    if (l.ad == ad || l.with == ad) out.push_back(l);
  }
  return out;
}

std::size_t AdGroups::Find(std::size_t i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void AdGroups::Union(std::size_t a, std::size_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  parent_[b] = a;  // a group is named by its first ad
}

}  // namespace sv::ads
