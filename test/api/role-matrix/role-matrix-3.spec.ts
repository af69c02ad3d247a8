import { checkShard } from './role-matrix.check';

checkShard(2);
