// A real C++ program: the standard library's containers and new/delete, over lite-alloc.
// Prints "real_cpp: ok" and exits 0 on success.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lite_alloc.h"

#define REQUIRE(cond)                                                     \
    do {                                                                  \
        if (!(cond)) {                                                    \
            std::printf("real_cpp: FAILED %s at line %d\n", #cond, __LINE__); \
            return 1;                                                     \
        }                                                                 \
    } while (0)

struct Node {
    int value;
    std::string label;
};

int main() {
    size_t before = lite_alloc_stats().in_use;
    std::vector<int> numbers;
    for (int i = 0; i < 5000; ++i) numbers.push_back(i * 3);
    REQUIRE(numbers[4999] == 14997);

    std::map<std::string, std::vector<int>> index;
    for (int i = 0; i < 300; ++i) index["key-" + std::to_string(i % 37)].push_back(i);
    REQUIRE(index.size() == 37 && index["key-0"].size() == 9);

    std::string text;
    for (int i = 0; i < 200; ++i) text += "lite-alloc ";
    REQUIRE(text.size() == 2200);

    Node *node = new Node{42, std::string(100, 'x')};
    REQUIRE(node->label.size() == 100);
    delete node;
    int *array = new int[1000]();
    REQUIRE(array[999] == 0);
    delete[] array;
    auto shared = std::make_shared<std::vector<double>>(1000, 1.5);
    REQUIRE((*shared)[999] == 1.5);

    lite_alloc_stats_t s = lite_alloc_stats();
    std::printf("real_cpp: claimed=%lu in_use=%lu peak=%lu\n", (unsigned long)s.claimed, (unsigned long)s.in_use,
                (unsigned long)s.peak_in_use);
    REQUIRE(s.in_use >= before + 5000 * sizeof(int)); /* the vector, still alive, is ours */
    REQUIRE(lite_alloc_check() == 0);
    std::printf("real_cpp: ok (%s)\n", lite_alloc_strategy());
    return 0;
}
