/* Archive member: gives the map an owner of the form lib.a(member.o). */
short mix_state = 7;

int mix(int v)
{
	return (v ^ 0x55) + mix_state;
}
