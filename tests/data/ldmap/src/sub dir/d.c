/* Lives in a directory whose name has a space, so the owner has one too. */
const int table[3] = { 1, 2, 3 };
