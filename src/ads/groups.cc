#include "ads/groups.h"

#include <utility>

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
  if (parent_.empty()) first_.Reserve(count, 16 * count);
  while (parent_.size() < count) parent_.push_back(parent_.size());
}

void AdGroups::AddKey(std::size_t ad, LinkKind kind, std::string_view value) {
  if (value.empty()) return;
  Reserve(ad + 1);
  const auto [first, added] =
      first_.TryEmplace(static_cast<char>('0' + static_cast<int>(kind)), value, ad);
  if (added || *first == ad) return;
  // A link is worth keeping only when it joins two groups; otherwise the group already holds
  // an explanation for both ads.
  const std::size_t with = *first;
  if (Find(with) != Find(ad)) {
    links_.push_back({ad, with, kind, std::string(value)});
    Union(with, ad);
  }
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
