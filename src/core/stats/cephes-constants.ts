// Machine constants from cephes const.c (IEEE double with denormals).

/** 2^-53 */
export const MACHEP = 1.1102230246251565e-16;
/** log(DBL_MAX) */
export const MAXLOG = 709.782712893384;
/** log(2^-1075) */
export const MINLOG = -745.1332191019412;
