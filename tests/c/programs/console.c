/* Console input and the ways out of a program, chosen by the first line of input. */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static void goodbye(void)
{
    printf("atexit handler ran\n");
}

static void leave(int code)
{
    printf("leaving with %d", code);       /* no newline: exit must flush it */
    exit(code);
}

int main(void)
{
    char line[64];
    printf("mode? ");                      /* shown before the program waits for input */
    if (!fgets(line, sizeof line, stdin))
        return 100;
    int mode = atoi(line);
    switch (mode) {
    case 0: {                               /* echo lines in capitals until "end" */
        int lines = 0, chars = 0, c;
        char word[8];
        int n = 0;
        while ((c = getchar()) != EOF) {
            chars++;
            if (c == '\n') {
                lines++;
                word[n < 7 ? n : 7] = 0;
                putchar('\n');
                if (n == 3 && word[0] == 'e' && word[1] == 'n' && word[2] == 'd')
                    break;
                n = 0;
                continue;
            }
            if (n < 7)
                word[n] = (char)c;
            n++;
            putchar(toupper(c));
        }
        printf("%d lines, %d characters\n", lines, chars);
        return lines;
    }
    case 1:
        atexit(goodbye);
        leave(3);
    case 2:
        printf("about to abort\n");
        abort();
    case 3:
        assert(mode == 4);
        return 0;
    case 4:
        fprintf(stderr, "to stderr\n");
        printf("no newline at the end");
        return 42;
    case 5: {
        volatile int *p = (int *)16;       /* outside RAM: the machine stops with a trap */
        return *p;
    }
    default:
        return 99;
    }
}
