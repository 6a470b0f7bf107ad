/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * Graphs on a grid: random walls, connected components by union-find, breadth-first
 * shortest paths from a corner, and Dijkstra with random cell costs (a linear-scan
 * frontier); BFS distances are checked to be a lower bound of the weighted path length. */
#include <stdio.h>
#include <string.h>

#define W 48
#define H 40
#define CELLS (W * H)

static unsigned seed = 2024;
static unsigned rnd(void) { seed ^= seed << 7; seed ^= seed >> 9; seed ^= seed << 8; return seed; }

static unsigned char wall[CELLS], cost[CELLS];
static int parent[CELLS], rank_[CELLS], queue[CELLS], dist[CELLS], wdist[CELLS];
static unsigned char done[CELLS];

static int find(int x)
{
    while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
}

static void unite(int a, int b)
{
    a = find(a); b = find(b);
    if (a == b) return;
    if (rank_[a] < rank_[b]) { int t = a; a = b; b = t; }
    parent[b] = a;
    if (rank_[a] == rank_[b]) rank_[a]++;
}

static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};

static int bfs(int start)
{
    for (int i = 0; i < CELLS; i++) dist[i] = -1;
    int head = 0, tail = 0, reached = 0;
    dist[start] = 0; queue[tail++] = start;
    while (head < tail) {
        int c = queue[head++], x = c % W, y = c / W;
        reached++;
        for (int k = 0; k < 4; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (nx < 0 || nx >= W || ny < 0 || ny >= H) continue;
            int n = ny * W + nx;
            if (wall[n] || dist[n] >= 0) continue;
            dist[n] = dist[c] + 1;
            queue[tail++] = n;
        }
    }
    return reached;
}

static void dijkstra(int start)
{
    for (int i = 0; i < CELLS; i++) wdist[i] = 1 << 30;
    memset(done, 0, sizeof done);
    wdist[start] = 0;
    int open[CELLS], nopen = 0;
    open[nopen++] = start;
    while (nopen) {
        int bi = 0;
        for (int i = 1; i < nopen; i++)
            if (wdist[open[i]] < wdist[open[bi]]) bi = i;
        int c = open[bi];
        open[bi] = open[--nopen];
        if (done[c]) continue;
        done[c] = 1;
        int x = c % W, y = c / W;
        for (int k = 0; k < 4; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (nx < 0 || nx >= W || ny < 0 || ny >= H) continue;
            int n = ny * W + nx;
            if (wall[n] || done[n]) continue;
            int d = wdist[c] + cost[n];
            if (d < wdist[n]) { wdist[n] = d; open[nopen++] = n; }
        }
    }
}

int main(void)
{
    int open_cells = 0;
    for (int i = 0; i < CELLS; i++) {
        wall[i] = rnd() % 100 < 28;
        cost[i] = 1 + rnd() % 9;
        parent[i] = i; rank_[i] = 0;
    }
    wall[0] = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int c = y * W + x;
            if (wall[c]) continue;
            open_cells++;
            if (x + 1 < W && !wall[c + 1]) unite(c, c + 1);
            if (y + 1 < H && !wall[c + W]) unite(c, c + W);
        }
    int components = 0, mine = 0;
    for (int c = 0; c < CELLS; c++) {
        if (wall[c]) continue;
        if (find(c) == c) components++;
        if (find(c) == find(0)) mine++;
    }
    int reached = bfs(0);
    dijkstra(0);
    long far = 0;
    for (int c = 0; c < CELLS; c++) {
        if (wall[c]) continue;
        if ((dist[c] >= 0) != (wdist[c] < (1 << 30))) return 1;
        if (dist[c] > 0 && wdist[c] < dist[c]) return 2;
        if (dist[c] > far) far = dist[c];
    }
    printf("%d open cells, %d components, %d reachable, farthest %ld steps\n", open_cells, components, reached, far);
    return reached == mine ? 0 : 3;
}
