#pragma once
// A string-keyed mapping that keeps its entries in the order they were first written.
// PEFT tries rank_pattern / alpha_pattern keys in the order of the Python dict — the order the experiment file or
// adapter_config.json lists them — and the first key that matches a module wins. Where keys overlap ("q_proj" and
// "layers.0.self_attn.q_proj") that order decides the module's r; a sorted std::map would decide differently.
#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace core {

template <typename T>
class OrderedMapping {
public:
    using Entry = std::pair<std::string, T>;

    OrderedMapping() = default;
    // A repeated key keeps its first place and takes the last value, as a Python dict literal does.
    OrderedMapping(std::initializer_list<Entry> entries)
    {
        for (const auto& entry : entries)
            (*this)[entry.first] = entry.second;
    }

    // The value under key; a new key is appended with a value-initialised T.
    T& operator[](const std::string& key)
    {
        if (auto* found = find(key))
            return *found;
        return m_entries.emplace_back(key, T{}).second;
    }
    const T& at(const std::string& key) const
    {
        if (const auto* found = find(key))
            return *found;
        throw std::out_of_range("no entry '" + key + "'");
    }
    bool contains(const std::string& key) const { return find(key) != nullptr; }

    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }
    auto begin() { return m_entries.begin(); }
    auto end() { return m_entries.end(); }
    size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }

    // Equal when the same entries stand in the same order (the order is part of the meaning).
    friend bool operator==(const OrderedMapping& a, const OrderedMapping& b) { return a.m_entries == b.m_entries; }
    friend bool operator!=(const OrderedMapping& a, const OrderedMapping& b) { return !(a == b); }

private:
    const T* find(const std::string& key) const
    {
        const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.first == key; });
        return it == m_entries.end() ? nullptr : &it->second;
    }
    T* find(const std::string& key)
    {
        return const_cast<T*>(static_cast<const OrderedMapping&>(*this).find(key));
    }

    std::vector<Entry> m_entries;
};

} // namespace core
