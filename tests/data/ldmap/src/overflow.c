/* A constant table larger than the 4 KiB FLASH region of overflow.ld. */
const unsigned char big_table[0x1200] = { 1 };
int value = 3;

int main(void)
{
	return big_table[value] + value;
}
