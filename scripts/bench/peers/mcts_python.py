"""A straightforward UCT in pure Python (references.md §5.2), the peer of rlx's search benchmark
(scripts/bench/search.sh): node objects with a dict of children, a list board with play/undo,
UCB1 selection (unvisited children first), expansion of every child of a visited leaf, a
uniformly random rollout to the end and a backup that negates at every level. No numpy, no
tricks beyond what the equation needs: what a Python MCTS written from the reference looks like.

Prints one line per game: simulations per second of one move from the empty board, the median of
--repeats after one warm-up move.
"""
import argparse
import math
import random
import statistics
import time


class TicTacToe:
    LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

    def __init__(self):
        self.cells = [-1] * 9
        self.history = []
        self.winner = -1

    def to_move(self):
        return len(self.history) & 1

    def legal(self):
        if self.winner >= 0:
            return []
        return [m for m in range(9) if self.cells[m] < 0]

    def play(self, move):
        player = self.to_move()
        self.cells[move] = player
        self.history.append(move)
        for a, b, c in self.LINES:
            if self.cells[a] == player and self.cells[b] == player and self.cells[c] == player:
                self.winner = player
                break

    def undo(self):
        self.cells[self.history.pop()] = -1
        self.winner = -1


class ConnectFour:
    ROWS, COLUMNS = 6, 7

    def __init__(self):
        self.grid = [[-1] * self.ROWS for _ in range(self.COLUMNS)]  # grid[column][row], row 0 at the bottom
        self.heights = [0] * self.COLUMNS
        self.history = []
        self.winner = -1

    def to_move(self):
        return len(self.history) & 1

    def legal(self):
        if self.winner >= 0:
            return []
        return [c for c in range(self.COLUMNS) if self.heights[c] < self.ROWS]

    def play(self, column):
        player = self.to_move()
        row = self.heights[column]
        self.grid[column][row] = player
        self.heights[column] = row + 1
        self.history.append(column)
        for dc, dr in ((1, 0), (0, 1), (1, 1), (1, -1)):
            count = 1
            for sign in (1, -1):
                c, r = column + sign * dc, row + sign * dr
                while 0 <= c < self.COLUMNS and 0 <= r < self.ROWS and self.grid[c][r] == player:
                    count += 1
                    c, r = c + sign * dc, r + sign * dr
            if count >= 4:
                self.winner = player
                return

    def undo(self):
        column = self.history.pop()
        self.heights[column] -= 1
        self.grid[column][self.heights[column]] = -1
        self.winner = -1


class Node:
    __slots__ = ("children", "n", "w")

    def __init__(self):
        self.children = {}  # move -> Node
        self.n = 0
        self.w = 0.0  # for the player who made the move into this node


def select(node, c):
    log_n = math.log(node.n) if node.n else 0.0  # only used once every child is visited, so N(s) > 0
    best, best_score = None, -math.inf
    for move, child in node.children.items():
        if child.n == 0:
            return move, child
        score = child.w / child.n + c * math.sqrt(log_n / child.n)
        if score > best_score:
            best, best_score = (move, child), score
    return best


def uct(game, simulations, c, rng):
    root = Node()
    root_to_move = game.to_move()
    for move in game.legal():
        root.children[move] = Node()
    items = list(root.children.items())
    rng.shuffle(items)
    root.children = dict(items)
    for _ in range(simulations):
        node, path, plies = root, [root], 0
        while node.children:  # selection
            move, node = select(node, c)
            game.play(move)
            plies += 1
            path.append(node)
        legal = game.legal()
        if legal and node.n > 0:  # expansion of a visited leaf, then one step into it
            rng.shuffle(legal)
            for move in legal:
                node.children[move] = Node()
            move, node = select(node, c)
            game.play(move)
            plies += 1
            path.append(node)
            legal = game.legal()
        depth = len(path) - 1
        while legal:  # random rollout
            game.play(rng.choice(legal))
            plies += 1
            legal = game.legal()
        winner = game.winner
        for _ in range(plies):
            game.undo()
        mover = root_to_move if depth % 2 == 1 else 1 - root_to_move  # who moved into the leaf
        value = 0.0 if winner < 0 else (1.0 if winner == mover else -1.0)
        for node in reversed(path):  # backup, negated at every level
            node.n += 1
            node.w += value
            value = -value
    return max(root.children.items(), key=lambda kv: kv[1].n)[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--simulations", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--c", type=float, default=1.4)
    args = parser.parse_args()
    for name, make in (("tic-tac-toe", TicTacToe), ("connect-four", ConnectFour)):
        rates = []
        for r in range(args.repeats + 1):
            rng = random.Random(r)
            start = time.perf_counter()
            uct(make(), args.simulations, args.c, rng)
            if r > 0:
                rates.append(args.simulations / (time.perf_counter() - start))
        print(f"game={name} player=python-uct simulations={args.simulations} "
              f"simulations_per_second={statistics.median(rates):.0f}")


if __name__ == "__main__":
    main()
