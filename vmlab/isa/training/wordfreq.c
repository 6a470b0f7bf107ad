/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * Text processing: generates text from a syllable table, splits it into lower-case words,
 * counts them in an unbalanced binary search tree (strcmp), ranks them with the runtime's
 * qsort and checks the counts add up. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zen", "qua",
                             "bri", "dol", "fe", "gar", "hu", "jo"};
#define NSYLL ((int)(sizeof syll / sizeof syll[0]))

static unsigned seed = 12345;
static unsigned next(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

struct node { struct node *left, *right; int count; char word[24]; };

static struct node *insert(struct node *root, const char *w, int *fresh)
{
    struct node **link = &root;
    while (*link) {
        int c = strcmp(w, (*link)->word);
        if (c == 0) { (*link)->count++; return root; }
        link = c < 0 ? &(*link)->left : &(*link)->right;
    }
    struct node *n = calloc(1, sizeof *n);
    strcpy(n->word, w);
    n->count = 1;
    *link = n;
    ++*fresh;
    return root;
}

static int flatten(struct node *n, struct node **out, int k)
{
    if (!n) return k;
    k = flatten(n->left, out, k);
    out[k++] = n;
    return flatten(n->right, out, k);
}

static int by_count(const void *a, const void *b)
{
    const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->word, y->word);
}

int main(void)
{
    static char text[24000];
    int len = 0, words = 0;
    while (len < (int)sizeof text - 64) {
        int n = 1 + next() % 3;
        if (next() % 7 == 0) text[len++] = (char)toupper(syll[next() % NSYLL][0]);
        for (int i = 0; i < n; i++) {
            const char *s = syll[next() % (NSYLL - (int)(next() % 9))];
            while (*s) text[len++] = *s++;
        }
        words++;
        text[len++] = (next() % 11 == 0) ? ',' : ' ';
        if (next() % 13 == 0) { text[len++] = '.'; text[len++] = '\n'; }
    }
    text[len] = 0;

    struct node *root = NULL;
    int distinct = 0, seen = 0;
    char w[24];
    for (const char *p = text; *p;) {
        while (*p && !isalpha((unsigned char)*p)) p++;
        int k = 0;
        while (isalpha((unsigned char)*p)) {
            if (k < 23) w[k++] = (char)tolower((unsigned char)*p);
            p++;
        }
        if (k) { w[k] = 0; root = insert(root, w, &distinct); seen++; }
    }
    struct node **all = malloc(distinct * sizeof *all);
    int n = flatten(root, all, 0);
    for (int i = 1; i < n; i++)
        if (strcmp(all[i - 1]->word, all[i]->word) >= 0) return 2;
    qsort(all, n, sizeof *all, by_count);
    long total = 0;
    for (int i = 0; i < n; i++) total += all[i]->count;
    printf("%d words, %d distinct; top:", seen, distinct);
    for (int i = 0; i < 5 && i < n; i++) printf(" %s(%d)", all[i]->word, all[i]->count);
    printf("\n");
    return (n == distinct && total == seen && seen == words) ? 0 : 1;
}
